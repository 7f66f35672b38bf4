import { ApplicationFailure } from '@temporalio/common';
import { WordPressError } from '../../lib/wordpress/client';
import { authMessage, isAuthError } from '../../lib/wordpress/connection';
import { MediaNotUploadedError } from '../../lib/wordpress/mapping';
import { ListingNotFoundError } from '../../lib/wordpress/listingSource';
import { StorageNotFoundError } from '../../lib/storage';

/** The post WordPress stored differs from what we sent (dropped meta, lost cover photo...). */
export class PublishMismatchError extends Error {
  constructor(
    readonly siteUrl: string,
    readonly problems: string[],
  ) {
    super(`WordPress at ${siteUrl} did not store what was sent: ${problems.join('; ')}`);
  }
}

/**
 * Maps what went wrong onto Temporal's retry model. The site being down, overloaded or
 * rate-limiting (no answer, 5xx, 429) retries with backoff, honouring Retry-After. Everything
 * else needs a person (a new application password, the plugin, a bigger upload limit), so it
 * fails now, with a sentence that says what to fix; the operator fixes it and retries.
 */
export function toPublishingFailure(
  err: unknown,
  site: { baseUrl: string; username: string; route: string },
): unknown {
  if (err instanceof ApplicationFailure) return err;
  if (err instanceof WordPressError) {
    if (err.retryable) {
      const wait = err.retryAfterSeconds;
      return ApplicationFailure.create({
        message: err.message,
        type: 'WordPressUnavailable',
        ...(wait ? { nextRetryDelay: `${wait}s` } : {}),
      });
    }
    if (isAuthError(err))
      return ApplicationFailure.nonRetryable(authMessage(err, site), 'WordPressAuth');
    if (err.status === 403)
      return ApplicationFailure.nonRetryable(
        `The WordPress user "${site.username}" is not allowed to do this on ${site.baseUrl} (${err.code ?? '403'}): give it the Editor or Administrator role, then retry.`,
        'WordPressPermission',
      );
    if (err.code === 'rest_no_route')
      return ApplicationFailure.nonRetryable(
        `${site.baseUrl} has no ${site.route} route: the Realty Assistant plugin is missing or inactive. Install and activate it (or switch the site to the "posts" profile), then retry.`,
        'WordPressPluginMissing',
      );
    if (err.status === 413)
      return ApplicationFailure.nonRetryable(
        `${site.baseUrl} refused a photo as too large (413): raise the site's upload limit, then retry.`,
        'WordPressRejected',
      );
    if (err.code === 'redirected')
      return ApplicationFailure.nonRetryable(err.message, 'WordPressMoved');
    return ApplicationFailure.nonRetryable(
      `WordPress refused the request: ${err.message}`,
      'WordPressRejected',
    );
  }
  if (err instanceof PublishMismatchError)
    return ApplicationFailure.nonRetryable(err.message, 'WordPressMismatch');
  if (err instanceof MediaNotUploadedError)
    return ApplicationFailure.nonRetryable(err.message, 'MediaNotUploaded');
  if (err instanceof StorageNotFoundError)
    return ApplicationFailure.nonRetryable(
      `A photo of this listing is missing from storage (${err.key})`,
      'PhotoMissing',
    );
  if (err instanceof ListingNotFoundError)
    return ApplicationFailure.nonRetryable(err.message, 'ListingNotFound');
  return err;
}
