# syntax=docker/dockerfile:1
# One image for every Node process: the API with the operator dashboard (default command),
# the worker (`node dist/workers/main.js`) and the migration job (`node dist/scripts/migrate.js`).
# docker-compose.yml shows the three together. `npm run check:image` replays these steps
# without Docker and checks the files the runtime stage ends up with.

ARG NODE_IMAGE=node:20-bookworm-slim

# Every dependency (TypeScript, esbuild), for the server build and the dashboard bundle.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY api ./api
COPY activities ./activities
COPY workflows ./workflows
COPY workers ./workers
COPY migrations ./migrations
COPY lib ./lib
COPY scripts ./scripts
COPY web ./web
RUN npm run build
# The dashboard the API serves at /app/: web/dist (bundle, page, stylesheet).
RUN npm run build:web
# The workflow bundle the worker loads instead of bundling workflows/ at every start.
RUN npm run build:workflows

# Production dependencies only: build tools (esbuild, tsx, playwright-core) and the embedded
# PostgreSQL that `npm start` uses are devDependencies; here Postgres is a real server.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Beside the compiled code, where dist/api/routes/dashboard looks for it (../../../web/dist).
COPY --from=build /app/web/dist ./dist/web/dist
COPY package.json ./
# The code stays root-owned and read-only to the process; it runs as the image's `node` user.
USER node
EXPOSE 3000
CMD ["node", "dist/api/server.js"]
