<?php
/**
 * Plugin Name:       Realty Assistant
 * Description:       Lets Realty Assistant publish listings over the REST API: a `property` post type, RESO-named listing fields as REST post meta, and lookup by `realty_listing_id`.
 * Version:           0.1.0
 * Requires at least: 5.6
 * Requires PHP:      7.4
 * License:           GPL-2.0-or-later
 * Text Domain:       realty-assistant
 *
 * See README.md beside this file for the field mapping and the REST calls it enables.
 */

defined( 'ABSPATH' ) || exit;

/** Meta key tying a post to one Realty Assistant listing, so a retried publish finds its post. */
const REALTY_ASSISTANT_LISTING_ID = 'realty_listing_id';

/** Prefix of the stored meta keys: RESO `ListPrice` is stored as `ra_ListPrice`. */
const REALTY_ASSISTANT_PREFIX = 'ra_';

/** Option (boolean, in /wp/v2/settings): copy listing fields onto the Houzez theme's meta keys. */
const REALTY_ASSISTANT_HOUZEZ_OPTION = 'realty_assistant_houzez_mirror';

/**
 * Listing fields, by RESO Data Dictionary name where one exists, with their REST types.
 *
 * @return array<string, string>
 */
function realty_assistant_fields() {
	return array(
		'ListPrice'             => 'number',
		'Currency'              => 'string',  // ISO 4217, e.g. "EUR".
		'ListingType'           => 'string',  // "sale" or "rent".
		'RentPeriod'            => 'string',  // e.g. "month"; rent only.
		'PropertyType'          => 'string',
		'PropertySubType'       => 'string',
		'BedroomsTotal'         => 'integer',
		'BathroomsTotalInteger' => 'integer',
		'LivingArea'            => 'number',
		'LivingAreaUnits'       => 'string',  // "Square Feet" or "Square Meters".
		'LotSizeArea'           => 'number',
		'LotSizeUnits'          => 'string',
		'YearBuilt'             => 'integer',
		'ParkingTotal'          => 'integer',
		'UnparsedAddress'       => 'string',
		'City'                  => 'string',
		'StateOrProvince'       => 'string',
		'PostalCode'            => 'string',
		'Country'               => 'string',  // ISO 3166-1 alpha-2.
		'Latitude'              => 'number',
		'Longitude'             => 'number',
		'StandardStatus'        => 'string',  // RESO: "Active", "Closed" (sold), "Withdrawn".
	);
}

/**
 * Our stored meta key => the Houzez theme's meta key holding the same value.
 *
 * @return array<string, string>
 */
function realty_assistant_houzez_keys() {
	return array(
		'ra_ListPrice'             => 'fave_property_price',
		'ra_RentPeriod'            => 'fave_property_price_postfix',
		'ra_BedroomsTotal'         => 'fave_property_bedrooms',
		'ra_BathroomsTotalInteger' => 'fave_property_bathrooms',
		'ra_LivingArea'            => 'fave_property_size',
		'ra_LivingAreaUnits'       => 'fave_property_size_prefix',
		'ra_LotSizeArea'           => 'fave_property_land',
		'ra_LotSizeUnits'          => 'fave_property_land_postfix',
		'ra_YearBuilt'             => 'fave_property_year',
		'ra_ParkingTotal'          => 'fave_property_garage',
		'ra_UnparsedAddress'       => 'fave_property_map_address',
		'ra_PostalCode'            => 'fave_property_zip',
		'ra_Country'               => 'fave_property_country',
		'ra_Latitude'              => 'houzez_geolocation_lat',
		'ra_Longitude'             => 'houzez_geolocation_long',
	);
}

/** Registers the post type (unless a theme such as Houzez already has one), meta and setting. */
function realty_assistant_register() {
	if ( ! post_type_exists( 'property' ) ) {
		register_post_type(
			'property',
			array(
				'labels'       => array(
					'name'          => __( 'Properties', 'realty-assistant' ),
					'singular_name' => __( 'Property', 'realty-assistant' ),
				),
				'public'       => true,
				'has_archive'  => true,
				'rewrite'      => array( 'slug' => 'properties' ),
				'menu_icon'    => 'dashicons-admin-home',
				'show_in_rest' => true,
				'rest_base'    => 'properties',
				'supports'     => array( 'title', 'editor', 'excerpt', 'thumbnail', 'custom-fields' ),
			)
		);
	}
	// REST shows meta only for post types that support custom fields.
	add_post_type_support( 'property', 'custom-fields' );

	$can_edit = function ( $allowed, $meta_key, $post_id ) {
		return current_user_can( 'edit_post', $post_id );
	};

	foreach ( realty_assistant_fields() as $name => $type ) {
		register_post_meta(
			'property',
			REALTY_ASSISTANT_PREFIX . $name,
			array(
				'type'              => $type,
				'single'            => true,
				'description'       => $name,
				'show_in_rest'      => true,
				'auth_callback'     => $can_edit,
				'sanitize_callback' => 'string' === $type ? 'sanitize_text_field' : null,
			)
		);
	}

	// Listing ids are internal: shown in the edit context only (authenticated editors).
	foreach ( array( 'property', 'post' ) as $post_type ) {
		register_post_meta(
			$post_type,
			REALTY_ASSISTANT_LISTING_ID,
			array(
				'type'              => 'string',
				'single'            => true,
				'description'       => 'Realty Assistant listing id',
				'show_in_rest'      => array( 'schema' => array( 'context' => array( 'edit' ) ) ),
				'auth_callback'     => $can_edit,
				'sanitize_callback' => 'sanitize_text_field',
			)
		);
	}

	register_setting(
		'general',
		REALTY_ASSISTANT_HOUZEZ_OPTION,
		array(
			'type'         => 'boolean',
			'description'  => 'Copy Realty Assistant listing fields onto Houzez meta keys.',
			'default'      => false,
			'show_in_rest' => true,
		)
	);
}
add_action( 'init', 'realty_assistant_register', 20 ); // After themes register their own `property`.

/**
 * `GET /wp/v2/properties?realty_listing_id=...` (and `/wp/v2/posts?...`): documents the parameter.
 *
 * @param array $params Collection parameters.
 * @return array
 */
function realty_assistant_collection_params( $params ) {
	$params[ REALTY_ASSISTANT_LISTING_ID ] = array(
		'description' => 'Limit results to the post of this Realty Assistant listing.',
		'type'        => 'string',
	);
	return $params;
}

/**
 * Narrows the collection query to posts whose `realty_listing_id` meta equals the parameter.
 *
 * @param array           $args    WP_Query arguments.
 * @param WP_REST_Request $request The request.
 * @return array
 */
function realty_assistant_query_by_listing_id( $args, $request ) {
	$listing_id = $request->get_param( REALTY_ASSISTANT_LISTING_ID );
	if ( is_string( $listing_id ) && '' !== $listing_id ) {
		$args['meta_query']   = isset( $args['meta_query'] ) ? $args['meta_query'] : array();
		$args['meta_query'][] = array(
			'key'   => REALTY_ASSISTANT_LISTING_ID,
			'value' => $listing_id,
		);
	}
	return $args;
}

/**
 * WordPress answers a missing number meta with 0 and a missing string with "". A studio has 0
 * bedrooms, so our fields answer `null` when they are not stored (and `null` sent deletes one).
 *
 * @param WP_REST_Response $response The response.
 * @param WP_Post          $post     The post.
 * @return WP_REST_Response
 */
function realty_assistant_null_for_missing_meta( $response, $post ) {
	$data = $response->get_data();
	if ( ! isset( $data['meta'] ) || ! is_array( $data['meta'] ) ) {
		return $response;
	}
	$keys = array( REALTY_ASSISTANT_LISTING_ID );
	foreach ( array_keys( realty_assistant_fields() ) as $name ) {
		$keys[] = REALTY_ASSISTANT_PREFIX . $name;
	}
	foreach ( $keys as $key ) {
		if ( array_key_exists( $key, $data['meta'] ) && ! metadata_exists( 'post', $post->ID, $key ) ) {
			$data['meta'][ $key ] = null;
		}
	}
	$response->set_data( $data );
	return $response;
}

/**
 * After a REST create or update, copies our fields onto Houzez's keys when the option is on.
 *
 * @param WP_Post $post The saved post.
 */
function realty_assistant_mirror_houzez( $post ) {
	if ( ! get_option( REALTY_ASSISTANT_HOUZEZ_OPTION ) ) {
		return;
	}
	foreach ( realty_assistant_houzez_keys() as $ours => $theirs ) {
		if ( metadata_exists( 'post', $post->ID, $ours ) ) {
			update_post_meta( $post->ID, $theirs, get_post_meta( $post->ID, $ours, true ) );
		} else {
			delete_post_meta( $post->ID, $theirs );
		}
	}
	// Houzez's map reads "lat,lng,zoom" from one key.
	$lat = get_post_meta( $post->ID, 'ra_Latitude', true );
	$lng = get_post_meta( $post->ID, 'ra_Longitude', true );
	if ( '' !== $lat && '' !== $lng ) {
		update_post_meta( $post->ID, 'fave_property_location', "{$lat},{$lng},15" );
	}
}

/**
 * Lets a wrong application password answer 401 `incorrect_password`.
 *
 * Core checks application-password errors at `rest_authentication_errors` priority 90. Since the
 * security fix that moved the no-cache headers after dispatch (`@since 6.3.2` upstream; Debian's
 * 6.1.9 carries the backport), nothing resolves the REST request's user before priority 100, so
 * that check finds nothing and a wrong password reads like no credentials at all
 * (`rest_not_logged_in`, `rest_cannot_create`, ...). Resolving the user first, as priority 100
 * would anyway, restores the specific error.
 *
 * @param mixed $result Authentication result so far.
 * @return mixed Unchanged.
 */
function realty_assistant_resolve_user_early( $result ) {
	is_user_logged_in();
	return $result;
}
add_filter( 'rest_authentication_errors', 'realty_assistant_resolve_user_early', 5 );

foreach ( array( 'property', 'post' ) as $realty_assistant_type ) {
	add_filter( "rest_{$realty_assistant_type}_collection_params", 'realty_assistant_collection_params' );
	add_filter( "rest_{$realty_assistant_type}_query", 'realty_assistant_query_by_listing_id', 10, 2 );
	add_filter( "rest_prepare_{$realty_assistant_type}", 'realty_assistant_null_for_missing_meta', 10, 2 );
}
unset( $realty_assistant_type );
add_action( 'rest_after_insert_property', 'realty_assistant_mirror_houzez' );

register_activation_hook(
	__FILE__,
	function () {
		realty_assistant_register();
		flush_rewrite_rules(); // So /properties/... permalinks work on sites with pretty permalinks.
	}
);
