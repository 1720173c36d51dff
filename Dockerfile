# A small, non-root image of srm-audit: the compiled JavaScript and the production dependencies
# on node:20-alpine. Build: docker build -t srm-audit .   Run: docker run --rm srm-audit scan --help
# The recipes under deploy/ run this image and end with `srm-audit merge`.

FROM node:20-alpine AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: `prepare` would build before the sources are copied; the build runs below.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
# npm run build: scripts/build-if-stale.mjs compiles, then scripts/bundle.mjs bundles what bin/ runs.
COPY scripts ./scripts
COPY src ./src
COPY checks ./checks
COPY demo ./demo
COPY bench ./bench
RUN npm run build && npm prune --omit=dev

FROM node:20-alpine
ENV NODE_ENV=production \
    SRM_AUDIT_OUTPUT_DIR=/reports
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY bin ./bin
COPY schema ./schema
COPY demo/demo-account.cassette.json ./demo/demo-account.cassette.json
# The image's own unprivileged user (uid 1000): the auditor needs no root, and writes only /reports.
RUN mkdir /reports && chown node:node /reports
USER node
VOLUME /reports
ENTRYPOINT ["node", "/app/bin/srm-audit.js"]
CMD ["--help"]
