/**
 * A worker process that runs only the WordPress activities on one queue, started by
 * crash.test.ts so it can be killed with SIGKILL in the middle of a publish.
 * argv[2]: JSON { databaseUrl, temporalAddress, taskQueue, encryptionKey, storageRoot, urlSecret }.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { createDb } from '../../lib/db';
import { createSecretBox } from '../../lib/crypto/secretBox';
import { LocalStorage } from '../../lib/storage';
import { createPublishingActivities } from '../../activities/publishing';
import { testActivityDeps } from '../support/worker';

interface Settings {
  databaseUrl: string;
  temporalAddress: string;
  taskQueue: string;
  encryptionKey: string;
  storageRoot: string;
  urlSecret: string;
}

async function main(): Promise<void> {
  const settings = JSON.parse(process.argv[2] ?? '{}') as Settings;
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const db = createDb(settings.databaseUrl, 2);
  const deps = {
    ...testActivityDeps(db, createSecretBox(settings.encryptionKey), 'http://127.0.0.1:1'),
    storage: new LocalStorage({
      root: settings.storageRoot,
      publicUrl: 'http://127.0.0.1:1',
      urlSecret: settings.urlSecret,
      defaultTtlSeconds: 60,
    }),
  };
  const { uploadMedia, pushProperty, updateProperty, archiveProperty } =
    createPublishingActivities(deps);
  const connection = await NativeConnection.connect({ address: settings.temporalAddress });
  const worker = await Worker.create({
    connection,
    taskQueue: settings.taskQueue,
    activities: { uploadMedia, pushProperty, updateProperty, archiveProperty },
  });
  process.send?.('ready');
  await worker.run();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
