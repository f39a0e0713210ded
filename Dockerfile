# The app image for docker compose; it talks to the neo4j service, so it needs no Java.
# Node 24 is the current LTS line; the build stage compiles TypeScript, the image runs the JavaScript.
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.ts ./scripts/
COPY src ./src
RUN npm run build

FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema ./schema
COPY seed-data ./seed-data
USER node
EXPOSE 4000
# node directly (not npm) so SIGTERM reaches the server and shutdown is graceful.
CMD ["node", "--max-semi-space-size=64", "dist/server.js"]
