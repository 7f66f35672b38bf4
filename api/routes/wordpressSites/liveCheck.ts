import { AppError } from '../../errors';
import { createWordPressClient } from '../../../lib/wordpress/client';
import {
  checkConnection,
  ConnectionProblem,
  type ConnectedUser,
} from '../../../lib/wordpress/connection';
import type { MappingProfile } from '../../../lib/wordpress/mapping';
import type { WordPressSiteAuth } from '../../../lib/wordpress/client';

const CHECK_TIMEOUT_MS = 15_000;

/** The live connection check, with its problem as the API's 422 (code + sentence). */
export async function liveCheck(
  auth: WordPressSiteAuth,
  profile: MappingProfile,
): Promise<ConnectedUser> {
  try {
    return await checkConnection(
      createWordPressClient(auth, { timeoutMs: CHECK_TIMEOUT_MS }),
      profile,
    );
  } catch (err) {
    if (err instanceof ConnectionProblem)
      throw new AppError(422, err.code, err.message, err.details);
    throw err;
  }
}
