// The OpenAPI document lives in api/openapi/: the registry of operations, their response
// schemas, and the rendering. This entry keeps the router's import stable.
export { openApiDocument } from './openapi/document';
