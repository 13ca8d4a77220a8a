# Build stage: compiles TypeScript and the native sqlite3 module, then drops dev dependencies.
FROM node:22-bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/daily-drill
# sqlite3 compiles from source when its prebuilt binary cannot be fetched; node-gyp then builds
# against the headers this base image ships instead of downloading Node's from the internet.
ENV npm_config_nodedir=/usr/local
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
RUN npm run build && npm prune --omit=dev
# Keep only sqlite3's compiled binding: its sources, static library and object files are build
# leftovers (about 25 MB) the runtime never loads.
RUN cd node_modules/sqlite3 \
 && find build -mindepth 1 -maxdepth 1 ! -name Release -exec rm -rf {} + \
 && find build/Release -mindepth 1 -maxdepth 1 ! -name node_sqlite3.node -exec rm -rf {} + \
 && rm -rf deps src node-addon-api binding.gyp \
 && node -e "require('/opt/daily-drill/node_modules/sqlite3')"

# Runtime stage: the same base image, so the compiled sqlite3 binding matches.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
# /progress draws its chart with the Noto CJK font (Chinese and English labels); without it the
# bot still answers, with the text view only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
# The code (with the built-in banks under data/banks) is read-only and owned by root;
# the working directory /app holds only state, so the volume can never hide a bank.
WORKDIR /opt/daily-drill
COPY --from=build /opt/daily-drill/node_modules ./node_modules
COPY --from=build /opt/daily-drill/dist ./dist
COPY package.json ./
COPY data/banks ./data/banks
WORKDIR /app
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# STORE_URL defaults to sqlite://data/daily-drill.sqlite, relative to /app.
VOLUME ["/app/data"]
# /healthz answers 200 only when the gateway is ready and the store answers.
ENV HEALTH_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.HEALTH_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) finishes in-flight work within 8 s; give it 10 s before SIGKILL.
STOPSIGNAL SIGTERM
# A smaller young generation keeps RSS under 150 MB for a shard of 1,000 servers (bench:memory).
CMD ["node", "--enable-source-maps", "--max-semi-space-size=4", "/opt/daily-drill/dist/src/main.js"]
