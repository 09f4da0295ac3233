# orderly's production image: the compiled build (no transpiling at run time), run as a non-root
# user, in production mode (ORDERLY_ENV=production: no simulator, no generated secrets, no demo
# catalog; DATABASE_URL, ORDERLY_ADMIN_KEY and ORDERLY_JWT_SECRET are required — see README).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY web ./web
# The service compiled to dist/, and the web pages (console, storefront) built to web/dist.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    ORDERLY_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/web/dist ./web/dist
COPY --chown=root:root bin ./bin
# The code is root's and read-only to the service; it writes nothing but its logs (stdout).
USER node
EXPOSE 3000
# Node itself is PID 1's child under `docker run --init`, or PID 1: either way it receives SIGTERM directly and drains.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js", "start"]
