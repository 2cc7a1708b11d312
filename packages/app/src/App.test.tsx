import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('starts with the catalog, the scaffolder and the canary plugin wired, at the guest sign-in', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Vane Test' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    // Without a session the app stops at the sign-in page and offers guest access.
    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });
});
