import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { startProcess, waitForPort, type Service } from './process';

/**
 * A throwaway WordPress from Debian's `wordpress` package, served by PHP's built-in server.
 *
 * Debian's /usr/share/wordpress/wp-config.php loads /etc/wordpress/config-<name>.php, where
 * <name> is the request's Host *without its port*, unless the server variable WORDPRESS_CONFIG
 * names the file. So config-127.0.0.1.php would be shared by every instance on this machine;
 * instead each instance writes its own config-realty-wp-<id>.php and a router script sets
 * $_SERVER['WORDPRESS_CONFIG'] on every request (php -S does not copy the environment into
 * $_SERVER). The router also serves /wp-content/ (uploads) from the instance's own directory.
 */
export interface WordPressServer extends Service {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  baseUrl: string;
  /** Administrator's login. */
  username: string;
  /** Administrator's login password (for wp-login.php; the REST API uses the app password). */
  password: string;
  /** Application Password for Basic auth against the REST API (24 characters, no spaces). */
  applicationPassword: string;
  /** `Basic base64(username:applicationPassword)`. */
  authorization: string;
  /**
   * A REST URL without pretty permalinks: `restUrl('/wp/v2/posts?status=any')` is
   * `http://127.0.0.1:PORT/?rest_route=/wp/v2/posts&status=any`.
   */
  restUrl(route: string): string;
  /** WP_CONTENT_DIR (plugins, uploads) of this instance, inside `opts.dir`. */
  contentDir: string;
  /** MariaDB database (and user) of this instance. */
  database: string;
  /** This instance's Debian config, /etc/wordpress/config-realty-wp-<id>.php. */
  configFile: string;
}

export interface WordPressOptions {
  port: number;
  /** Scratch directory for this instance (wp-content, router, install script). */
  dir: string;
  /** Copy and activate wordpress-plugin/realty-assistant. */
  plugin?: boolean;
}

const WORDPRESS_ROOT = '/usr/share/wordpress';
const CONFIG_DIR = '/etc/wordpress';
/** The companion plugin, from the source tree or from a build under dist/. */
const PLUGIN_SOURCE =
  ['../..', '../../..']
    .map((up) => path.resolve(__dirname, up, 'wordpress-plugin/realty-assistant'))
    .find((dir) => existsSync(dir)) ?? 'wordpress-plugin/realty-assistant';
const MYSQL = ['-h', '127.0.0.1', '-P', '3306', '-u', 'root'];
const PHP_INI = [
  '-d',
  'upload_max_filesize=64M',
  '-d',
  'post_max_size=64M',
  // Notices and deprecations go to the server's log, never into a JSON response.
  '-d',
  'display_errors=stderr',
];

const run = promisify(execFile);

/** A PHP single-quoted string literal. */
const php = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function configFile(o: {
  database: string;
  dbPassword: string;
  baseUrl: string;
  contentDir: string;
}): string {
  const defines: [string, string | boolean][] = [
    ['DB_NAME', o.database],
    ['DB_USER', o.database],
    ['DB_PASSWORD', o.dbPassword],
    ['DB_HOST', '127.0.0.1:3306'],
    ['DB_CHARSET', 'utf8mb4'],
    ['DB_COLLATE', ''],
    ['WP_HOME', o.baseUrl],
    ['WP_SITEURL', o.baseUrl],
    // Application passwords need HTTPS or a "local" environment.
    ['WP_ENVIRONMENT_TYPE', 'local'],
    ['WP_CONTENT_DIR', o.contentDir],
    ['WP_CONTENT_URL', `${o.baseUrl}/wp-content`],
    // No loopback requests into a single-threaded server, no calls to wordpress.org.
    ['DISABLE_WP_CRON', true],
    ['AUTOMATIC_UPDATER_DISABLED', true],
    ['WP_HTTP_BLOCK_EXTERNAL', true],
    ...[
      'AUTH_KEY',
      'SECURE_AUTH_KEY',
      'LOGGED_IN_KEY',
      'NONCE_KEY',
      'AUTH_SALT',
      'SECURE_AUTH_SALT',
      'LOGGED_IN_SALT',
      'NONCE_SALT',
    ].map((k): [string, string] => [k, randomBytes(32).toString('hex')]),
  ];
  return [
    '<?php',
    '// Written by scripts/services/wordpress.ts for one throwaway instance; stop() removes it.',
    ...defines.map(
      ([k, v]) => `define(${php(k)}, ${typeof v === 'boolean' ? String(v) : php(v)});`,
    ),
    "$table_prefix = 'wp_';",
    '',
  ].join('\n');
}

function routerScript(configName: string, contentDir: string): string {
  return `<?php
// php -S router: picks this instance's Debian config and serves files under wp-content.
$_SERVER['WORDPRESS_CONFIG'] = ${php(configName)};
$path = rawurldecode((string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH));
if (strncmp($path, '/wp-content/', 12) === 0 && strpos($path, '..') === false) {
  $file = ${php(contentDir)} . substr($path, strlen('/wp-content'));
  if (is_file($file) && substr($file, -4) !== '.php') {
    header('Content-Type: ' . (mime_content_type($file) ?: 'application/octet-stream'));
    header('Content-Length: ' . filesize($file));
    readfile($file);
    return true;
  }
}
return false;
`;
}

const INSTALL_SCRIPT = `<?php
// Installs WordPress into an empty database and prints the credentials as one JSON line.
$p = json_decode($argv[1], true);
$_SERVER['WORDPRESS_CONFIG'] = $p['config'];
$_SERVER['HTTP_HOST'] = $p['host'];
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
// Pluggable: no "your new site" mail.
function wp_new_blog_notification() {}
require ${php(WORDPRESS_ROOT)} . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

function fail($what) {
  fwrite(STDERR, is_wp_error($what) ? $what->get_error_code() . ': ' . $what->get_error_message() : $what);
  exit(1);
}

$installed = wp_install('Realty Assistant test site', $p['username'], $p['email'], false, '', wp_slash($p['password']));
if (empty($installed['user_id'])) fail('wp_install did not create a user');
$app = WP_Application_Passwords::create_new_application_password($installed['user_id'], array('name' => 'realty-assistant'));
if (is_wp_error($app)) fail($app);
if ($p['plugin']) {
  $activated = activate_plugin('realty-assistant/realty-assistant.php');
  if (is_wp_error($activated)) fail($activated);
}
echo json_encode(array('userId' => $installed['user_id'], 'applicationPassword' => $app[0])), "\\n";
`;

async function mysql(sql: string): Promise<void> {
  await run('mariadb', [...MYSQL, '-e', sql]);
}

/** Starts WordPress on 127.0.0.1:`port` with a fresh database, an admin and an app password. */
export async function startWordPress(opts: WordPressOptions): Promise<WordPressServer> {
  const id = randomBytes(6).toString('hex');
  const database = `ra_wp_${id}`;
  const dbPassword = randomBytes(18).toString('hex');
  const configName = `realty-wp-${id}`;
  const configPath = path.join(CONFIG_DIR, `config-${configName}.php`);
  const baseUrl = `http://127.0.0.1:${opts.port}`;
  const contentDir = path.resolve(opts.dir, 'wp-content');
  const username = 'admin';
  const password = randomBytes(12).toString('hex');

  let child: ReturnType<typeof startProcess> | undefined;
  // Best effort if the process exits without stop(): nothing async runs in an 'exit' handler.
  const cleanupSync = () => {
    child?.child.kill('SIGKILL');
    rmSync(configPath, { force: true });
    spawnSync('mariadb', [
      ...MYSQL,
      '-e',
      `DROP DATABASE IF EXISTS \`${database}\`; DROP USER IF EXISTS '${database}'@'%';`,
    ]);
  };
  process.once('exit', cleanupSync);

  const cleanup = async () => {
    process.removeListener('exit', cleanupSync);
    await child?.service.stop();
    rmSync(configPath, { force: true });
    await mysql(`DROP DATABASE IF EXISTS \`${database}\`; DROP USER IF EXISTS '${database}'@'%';`);
  };

  try {
    await mysql(
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci;` +
        ` CREATE USER '${database}'@'%' IDENTIFIED BY '${dbPassword}';` +
        ` GRANT ALL PRIVILEGES ON \`${database}\`.* TO '${database}'@'%';`,
    );

    mkdirSync(path.join(contentDir, 'uploads'), { recursive: true });
    mkdirSync(path.join(contentDir, 'plugins'), { recursive: true });
    rmSync(path.join(contentDir, 'themes'), { force: true });
    symlinkSync(path.join(WORDPRESS_ROOT, 'wp-content/themes'), path.join(contentDir, 'themes'));
    if (opts.plugin) {
      cpSync(PLUGIN_SOURCE, path.join(contentDir, 'plugins/realty-assistant'), {
        recursive: true,
      });
    }
    writeFileSync(configPath, configFile({ database, dbPassword, baseUrl, contentDir }), {
      mode: 0o640,
    });
    const router = path.join(opts.dir, 'router.php');
    writeFileSync(router, routerScript(configName, contentDir));
    const installer = path.join(opts.dir, 'install.php');
    writeFileSync(installer, INSTALL_SCRIPT);

    const params = {
      config: configName,
      host: `127.0.0.1:${opts.port}`,
      username,
      password,
      email: 'admin@example.test',
      plugin: Boolean(opts.plugin),
    };
    const installed = await run('php', [...PHP_INI, installer, JSON.stringify(params)]).catch(
      (err: { stdout?: string; stderr?: string; message: string }) => {
        throw new Error(`WordPress install failed: ${err.stderr || err.stdout || err.message}`);
      },
    );
    const lastLine = installed.stdout.trim().split('\n').pop() ?? '';
    const { applicationPassword } = JSON.parse(lastLine) as { applicationPassword: string };

    child = startProcess('wordpress', 'php', [
      ...PHP_INI,
      '-S',
      `127.0.0.1:${opts.port}`,
      '-t',
      WORDPRESS_ROOT,
      router,
    ]);
    const started = child;
    const died = new Promise<never>((_, reject) =>
      started.child.once('exit', (code) =>
        reject(new Error(`php -S exited (${code}):\n${started.output()}`)),
      ),
    );
    died.catch(() => undefined);
    await Promise.race([waitForPort(opts.port), died]);

    return {
      name: 'wordpress',
      baseUrl,
      username,
      password,
      applicationPassword,
      authorization: `Basic ${Buffer.from(`${username}:${applicationPassword}`).toString('base64')}`,
      restUrl: (route: string) => `${baseUrl}/?rest_route=${route.replace('?', '&')}`,
      contentDir,
      database,
      configFile: configPath,
      stop: cleanup,
    };
  } catch (err) {
    await cleanup().catch(() => undefined);
    throw err;
  }
}
