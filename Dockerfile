# The app image for docker compose; it talks to the neo4j service, so it needs no Java.
FROM node:20-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY tsconfig.json ./
COPY src ./src
COPY schema ./schema
COPY seed-data ./seed-data
USER node
EXPOSE 4000
# node directly (not npm) so SIGTERM reaches the server and shutdown is graceful.
CMD ["node", "--import", "tsx", "src/server.ts"]
