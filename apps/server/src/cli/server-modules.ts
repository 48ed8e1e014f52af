// The server's modules, loaded by a command only when its action runs: `civdef --help` and usage errors
// then start without loading the server, the router, the warning engine and the evidence log (seconds on a
// small machine). Command files import types statically and values through serverModules().

/** Loads (once) everything the CLI's actions use from the server. Precondition: none. */
export function serverModules() {
  return import('./server-exports.js');
}
