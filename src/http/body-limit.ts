import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Refuses a body whose declared length is over the limit before reading any of it. Answering this
 * early, without destroying the request stream, lets Node discard the rest and keep the connection
 * healthy; yoga's own limit (kept as the backstop for chunked bodies) aborts the stream instead,
 * which resets the connection under a client still sending.
 */
export function useDeclaredBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const declared = Number(request.headers.get('content-length') ?? 0);
      if (!(declared > maxBytes)) return;
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({
            errors: [
              {
                message: `Request body of ${declared} bytes is over the limit of ${maxBytes} (MAX_BODY_BYTES)`,
                extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' },
              },
            ],
          }),
          { status: 413, headers: { 'content-type': 'application/json; charset=utf-8' } },
        ),
      );
    },
  };
}

/**
 * Limits a body sent without a declared length (chunked) while it is read, with 413 once it passes
 * `maxBytes`. It replaces yoga's own limit (`maxRequestBodySize`), which pipes every body through a
 * transform stream, declared length or not, and so costs every request a `stream.pipeline` (whose
 * clean-up creates an AbortError with its stack trace) and a second Request object. A declared body
 * needs none of that: useDeclaredBodyLimit refuses one over the limit, and Node's HTTP parser never
 * delivers more bytes than the Content-Length it accepted.
 */
export function useStreamedBodyLimit(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.headers.has('content-length') || requestParser == null || request.body == null) return;
      setRequestParser((req) => requestParser(limitedRequest(req, maxBytes, fetchAPI)));
    },
  };
}

function limitedRequest(
  request: Request,
  maxBytes: number,
  fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream },
): Request {
  const body = request.body;
  if (!body) return request;
  // A native stream must be piped into a native transform, the adapter's own into its own.
  const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let received = 0;
  const limited = body.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBytes) controller.error(tooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: limited,
    // @ts-expect-error duplex is required for a streamed body and missing from the DOM types
    duplex: 'half',
  });
}

const tooLarge = (maxBytes: number) =>
  new GraphQLError(`Request body is over the limit of ${maxBytes} bytes (MAX_BODY_BYTES)`, {
    extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413 } },
  });
