/**
 * The config that puts the backend, and the app it serves, on one port of 127.0.0.1 (the browser
 * and the API share that origin), for a backend started beside the portal's 3000/7007.
 */
export function listenOn(port: number) {
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app: { baseUrl },
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      cors: { origin: baseUrl },
    },
  };
}
