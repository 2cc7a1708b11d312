// The fields of Argo Rollouts' objects the portal reads, named as in argoproj/argo-rollouts
// pkg/apis/rollouts/v1alpha1 (types.go, analysis_types.go); the cache holds them as the API
// server serves them, so every field may be missing.

/** @see CanaryStep in types.go */
export interface ArgoCanaryStep {
  setWeight?: number;
  pause?: { duration?: string | number };
  experiment?: unknown;
  analysis?: unknown;
  setCanaryScale?: {
    weight?: number;
    replicas?: number;
    matchTrafficWeight?: boolean;
  };
  setHeaderRoute?: { name?: string };
  setMirrorRoute?: { name?: string };
  plugin?: { name?: string };
}

export interface ArgoRolloutCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export interface ArgoRollout {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {
    replicas?: number;
    paused?: boolean;
    restartAt?: string;
    workloadRef?: { apiVersion?: string; kind?: string; name?: string };
    template?: {
      spec?: { containers?: Array<{ name?: string; image?: string }> };
    };
    strategy?: {
      canary?: {
        steps?: ArgoCanaryStep[];
        trafficRouting?: { maxTrafficWeight?: number } & Record<
          string,
          unknown
        >;
      };
      blueGreen?: { postPromotionAnalysis?: unknown };
    };
  };
  status?: {
    abort?: boolean;
    pauseConditions?: Array<{ reason: string; startTime?: string }>;
    controllerPause?: boolean;
    currentPodHash?: string;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    currentStepIndex?: number;
    observedGeneration?: string;
    workloadObservedGeneration?: string;
    conditions?: ArgoRolloutCondition[];
    canary?: {
      currentStepAnalysisRunStatus?: { name?: string; status?: string };
      weights?: {
        canary?: { weight?: number; podTemplateHash?: string };
        stable?: { weight?: number; podTemplateHash?: string };
      };
    };
    blueGreen?: {
      activeSelector?: string;
      previewSelector?: string;
      postPromotionAnalysisRunStatus?: { status?: string };
    };
    stableRS?: string;
    restartedAt?: string;
    promoteFull?: boolean;
    phase?: string;
    message?: string;
  };
}

/** A ReplicaSet as the cache keeps it (withPodTemplateImages). */
export interface ArgoReplicaSet {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: {
    template?: {
      spec?: { containers?: Array<{ name?: string; image?: string }> };
    };
  };
  status?: { availableReplicas?: number };
}

/** @see AnalysisRun in analysis_types.go */
export interface ArgoAnalysisRun {
  metadata: {
    name: string;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
  };
  spec?: {
    metrics?: Array<{
      name: string;
      successCondition?: string;
      failureCondition?: string;
    }>;
  };
  status?: {
    phase?: string;
    message?: string;
    startedAt?: string;
    completedAt?: string;
    metricResults?: Array<{
      name: string;
      phase?: string;
      message?: string;
      count?: number;
      successful?: number;
      failed?: number;
      inconclusive?: number;
      error?: number;
      measurements?: Array<{ phase?: string; value?: string }>;
    }>;
  };
}

/** The label Argo Rollouts puts on the ReplicaSets it makes: their pod template hash. */
export const POD_TEMPLATE_HASH_LABEL = 'rollouts-pod-template-hash';
