import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import canaryPlugin from '@vane/plugin-canary/alpha';
import { navModule } from './modules/nav';

// Other plugins (scaffolder, org, user settings, ...) are discovered from this package's
// dependencies through `app.packages: all` in app-config.yaml.
export default createApp({
  features: [catalogPlugin, canaryPlugin, navModule],
});
