export interface Config {
  /** Configuration of Vane's canary plugin. */
  canary?: {
    /** Tuning of the rollout engine. */
    engine?: {
      /** How long a replica's claim on a cluster lasts without renewal (default 15). */
      leaseDurationSeconds?: number;
    };
    /** The mesh health shown on entity pages (`GET /entities/.../health`). */
    health?: {
      /**
       * When a workload is degraded or failing, in percent of its requests; Kiali's defaults.
       */
      thresholds?: {
        /** 5xx share above which a workload is degraded (default 0: any 5xx). */
        degraded5xx?: number;
        /** 5xx share from which a workload is failing (default 10). */
        failing5xx?: number;
        /** 4xx share from which a workload is degraded (default 10). */
        degraded4xx?: number;
        /** 4xx share from which a workload is failing (default 20). */
        failing4xx?: number;
      };
    };
    /**
     * Where rollout alerts go (Flagger's AlertProviders, kept here so their credentials stay in
     * the backend): a Canary's `analysis.alerts` names one by `providerRef.name`; one with
     * `severity` gets the alerts of every Canary at that severity or worse.
     */
    alertProviders?: Array<{
      /** The name `analysis.alerts[].providerRef.name` uses. */
      name: string;
      /** slack, msteams, discord (through its Slack-compatible endpoint) or generic (the alert as JSON). */
      type: 'slack' | 'msteams' | 'discord' | 'generic';
      /**
       * The incoming-webhook URL.
       * @visibility secret
       */
      url: string;
      /** Slack channel, overriding the webhook's own. */
      channel?: string;
      /** Sender name for Slack and Discord (default vane). */
      username?: string;
      /** Send the alerts of every Canary at this severity or worse (info, warn, error). */
      severity?: 'info' | 'warn' | 'error';
    }>;
    /**
     * Backstage notifications to the owners of a Canary's entities (needs the notifications
     * backend plugin).
     */
    ownerNotifications?: {
      /** Default true. */
      enabled?: boolean;
      /** From which severity owners are told (default warn: a gate waiting, a rollback). */
      severity?: 'info' | 'warn' | 'error';
    };
    /** The clusters the rollout engine reconciles Canaries in. */
    clusters?: Array<{
      /** Name shown in the portal and used in API paths. */
      name: string;
      /** URL of the cluster's API server. */
      url: string;
      /** How the backend authenticates: a service account token, or a kubeconfig file. */
      authProvider?: 'serviceAccount' | 'kubeconfig';
      /**
       * Bearer token of the engine's service account.
       * @visibility secret
       */
      serviceAccountToken?: string;
      /** File holding the token, read at start (for projected or mounted tokens). */
      serviceAccountTokenFile?: string;
      /** Path of a kubeconfig file, with authProvider kubeconfig. */
      kubeconfigPath?: string;
      /**
       * PEM of the API server's CA, base64 or plain.
       * @visibility secret
       */
      caData?: string;
      /** Skip verification of the API server's certificate (development only). */
      skipTLSVerify?: boolean;
      /** The mesh provider used when a Canary names none and discovery is ambiguous. */
      defaultProvider?: string;
      /**
       * The Prometheus that holds the mesh's request metrics for this cluster: at a URL the
       * backend reaches (`url`, with credentials and TLS settings as needed), or inside the
       * cluster through the API server's service proxy (`serviceProxy`), exactly one.
       */
      prometheus?: {
        /** Base URL, e.g. https://prometheus.example.com (a path prefix is kept). */
        url?: string;
        /**
         * A Prometheus Service inside the cluster, reached through
         * `/api/v1/namespaces/<namespace>/services/<service>:<port>/proxy/` with the engine's
         * cluster credentials (needs `get` on `services/proxy`), for a backend outside the
         * cluster. Prometheus' own credentials and TLS settings do not apply there.
         */
        serviceProxy?: {
          namespace: string;
          service: string;
          /** The Service's port, by number or name. */
          port: number | string;
          /** How the API server talks to the Service (default http). */
          scheme?: 'http' | 'https';
        };
        /**
         * Sent as `Authorization: Bearer <token>`.
         * @visibility secret
         */
        bearerToken?: string;
        /** File holding the bearer token, read again for every query (rotated tokens work). */
        bearerTokenFile?: string;
        /** HTTP basic auth, as Prometheus' `--web.config.file` `basic_auth_users` checks it. */
        basicAuth?: {
          username: string;
          /**
           * @visibility secret
           */
          password?: string;
          /** File holding the password, read again for every query. */
          passwordFile?: string;
        };
        /**
         * Headers sent with every query, e.g. `X-Scope-OrgID` of Thanos, Mimir or Cortex.
         * @visibility secret
         */
        headers?: { [name: string]: string };
        /**
         * PEM of the CA that signed Prometheus' certificate, base64 or plain.
         * @visibility secret
         */
        caData?: string;
        /** File holding that CA, read again for every query. */
        caFile?: string;
        /** Skip verification of Prometheus' certificate (development only). */
        skipTLSVerify?: boolean;
      };
      /** How webhooks of this cluster's Canaries are called. */
      webhooks?: {
        /**
         * Send webhooks whose URL names a Service of the cluster (`http://<service>.<namespace>/`,
         * `...svc`, `...svc.cluster.local`) through the API server's service proxy with the
         * engine's credentials, for a backend outside the cluster (default false).
         */
        viaServiceProxy?: boolean;
      };
    }>;
  };
}
