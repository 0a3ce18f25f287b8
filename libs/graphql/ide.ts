import type { ApolloServerPlugin } from '@apollo/server';

/** Where the IDE's static files are served (by altair-fastify-plugin), all from this server. */
export const IDE_ASSETS_PATH = '/altair/';

/**
 * Replaces Apollo's landing page (which loads from a CDN) with Altair, served from this
 * server, so the IDE at /graphql works offline.
 */
export function offlineIdeLandingPage(endpointURL = '/graphql'): ApolloServerPlugin {
  // altair-static is imported here, not at the top: production never loads it.
  const render = async () => (await import('altair-static')).renderAltair({
    baseURL: IDE_ASSETS_PATH,
    endpointURL,
    initialQuery: '# Minato GraphQL API\n# Sign in with signIn, then set the header\n# Authorization: Bearer <token>\nquery {\n  regions { id code name prefecture }\n}\n',
    disableAccount: true,
  });
  return {
    async serverWillStart() {
      const html = await render();
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
