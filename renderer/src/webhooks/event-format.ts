// The POS event's JSON Schema (docs/pos-event.schema.json, generated from the hub's validator),
// bundled as a file of the built screens so the connection panel can link to it offline.
import schemaUrl from '../../../docs/pos-event.schema.json?url';

export const EVENT_FORMAT_URL: string = schemaUrl;
