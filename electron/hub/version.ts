// The hub's version, from package.json (sent in User-Agent and /v1/health).
import packageJson from '../../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;
export const USER_AGENT = `OrderWebhookHub/${VERSION}`;
