import type { DemoLogin } from './seed';

export interface BannerFacts {
  apiUrl: string;
  publicUrl: string;
  temporalUiUrl: string;
  verifyToken: string;
  demo: DemoLogin | undefined;
  demoPassword: string;
  dataDir: string;
  secretsFile: string;
}

/** What a person needs to start using the system, printed once it answers. */
export function banner(facts: BannerFacts): string {
  const rows: Array<[string, string]> = [
    ['API', facts.apiUrl],
    ['Dashboard', `${facts.publicUrl}/app/`],
    ['Temporal UI', facts.temporalUiUrl || '(set TEMPORAL_UI_URL to show it here)'],
    ['WhatsApp webhook', `${facts.publicUrl}/webhooks/whatsapp`],
    ['Verify token', facts.verifyToken],
  ];
  if (facts.demo) {
    rows.push(['Demo e-mail', facts.demo.email]);
    rows.push([
      'Demo password',
      facts.demo.passwordIsCurrent
        ? facts.demoPassword
        : '(changed since it was seeded; DEMO_OWNER_PASSWORD no longer applies)',
    ]);
  }
  rows.push(['Data', facts.dataDir], ['Secrets', facts.secretsFile]);
  const width = Math.max(...rows.map(([label]) => label.length));
  const rule = '-'.repeat(72);
  return [
    rule,
    'Realty Assistant is running',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    'Press Ctrl-C to stop.',
    rule,
    '',
  ].join('\n');
}
