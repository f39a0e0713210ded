# The app image for docker compose; it talks to the neo4j service, so it needs no Java.
# Node 24 is the current LTS line; the build stage compiles TypeScript, the image runs the JavaScript.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the prepare script builds the dashboard, whose sources are copied below.
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.ts scripts/build-dashboard.ts ./scripts/
COPY src ./src
COPY dashboard ./dashboard
RUN npm run build
RUN npm run dashboard:build

FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/dashboard/dist ./dashboard/dist
COPY schema ./schema
COPY seed-data ./seed-data
USER node
EXPOSE 4000
# node directly (not npm) so SIGTERM reaches the server and shutdown is graceful.
CMD ["node", "--max-semi-space-size=64", "dist/server.js"]
