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
