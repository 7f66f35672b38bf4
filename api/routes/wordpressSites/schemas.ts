import { z } from 'zod';
import { MAPPING_PROFILES } from '../../../lib/wordpress/mapping';

export const WordPressSiteBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  baseUrl: z
    .url('Use the address of the WordPress site, e.g. https://agency.example')
    .refine((u) => /^https?:$/.test(new URL(u).protocol), 'Use an http(s) address'),
  username: z.string().trim().min(1).max(200),
  // WordPress shows application passwords as 24 characters in groups of four.
  applicationPassword: z
    .string()
    .transform((s) => s.replace(/\s+/g, ''))
    .pipe(z.string().min(16, 'Paste the application password WordPress showed').max(200)),
  mappingProfile: z.enum(MAPPING_PROFILES).default('posts'),
});

export const SiteIdParam = z.object({ id: z.uuid('Not a valid id') });
