import {
  FLAGGER_FIELD_REFUSALS,
  FLAGGER_METRIC_TEMPLATE_REFUSALS,
  FlaggerFieldRefusal,
} from '@vane/plugin-canary-common';

/**
 * What Vane does with a field:
 * - `as in Flagger`: what Flagger does, on every mesh Vane supports;
 * - `by mesh`: what Flagger does on the meshes that can carry it, refused by name (the mesh
 *   router's `refuse`) on the others;
 * - `by value`: what Flagger does for some values, the others refused by name;
 * - `Vane`: Vane's own field, or a form Flagger does not take;
 * - `refused`: refused by name with a `Valid=False` condition, never acted on;
 * - `not yet`: refused by name the same way until its behaviour is built;
 * - `written` / `not written`: a status field the engine writes, or one of Flagger's it does not.
 *
 * There is no "accepted, ignored".
 */
export type FieldVerdict =
  | 'as in Flagger'
  | 'by mesh'
  | 'by value'
  | 'Vane'
  | 'refused'
  | 'not yet'
  | 'written'
  | 'not written';

/** A test that proves a row: a file of the repository and a string of that test's title or table. */
export interface FieldTest {
  /** From the repository root. */
  file: string;
  /** Appears in the file: the test's title, or the key of its row in a table-driven test. */
  name: string;
}

/** One field of Flagger's v1beta1 Canary, MetricTemplate or AlertProvider, and what Vane does with it. */
export interface FlaggerFieldRow {
  kind: 'Canary' | 'MetricTemplate' | 'AlertProvider';
  /** Its path: `spec.analysis.interval`, `spec.analysis.metrics[].name` (`[]` for a list entry). */
  field: string;
  /** The row covers every field below this one too. */
  subtree?: true;
  verdict: FieldVerdict;
  /** For AlertProvider rows: the `canary.alertProviders[]` setting it maps to in app-config. */
  config?: string;
  behaviour: string;
  /** The refusal whose message the table prints (and whose test proves it) after `behaviour`. */
  refusal?: FlaggerFieldRefusal;
  metricTemplateRefusal?: keyof typeof FLAGGER_METRIC_TEMPLATE_REFUSALS;
  tests: FieldTest[];
}

const file = (path: string) => (name: string) => ({ file: path, name });
const backend = (path: string) => file(`plugins/canary-backend/src/${path}`);
const spec = file(
  'plugins/canary-common/src/schema/validateCanarySpec.test.ts',
);
const manifest = file(
  'plugins/canary-common/src/schema/validateCanaryManifest.test.ts',
);
const weights = file(
  'plugins/canary-common/src/schema/plannedCanaryWeights.test.ts',
);
const phases = file('plugins/canary-common/src/resource/CanaryPhase.test.ts');
const steps = file('plugins/canary-common/src/schema/analysisSteps.test.ts');
const decideSteps = backend('engine/decideNextStep.steps.test.ts');
const decide = backend('engine/decideNextStep.test.ts');
const finalization = backend('engine/decideFinalization.test.ts');
const engineLab = backend('engine/CanaryEngine.lab.test.ts');
const refusalsLab = backend('engine/CanaryReconciler.test.ts');
const workloads = backend('workloads/workloads.test.ts');
const hpa = backend('autoscalers/buildPrimaryHorizontalPodAutoscaler.test.ts');
const scaledObject = backend('autoscalers/buildPrimaryScaledObject.test.ts');
const executors = backend('engine/executors/createActionExecutors.test.ts');
const daemonSets = backend('workloads/daemonSetWorkload.test.ts');
const readiness = backend('workloads/workloadReadiness.test.ts');
const kindsLab = backend('engine/WorkloadKinds.lab.test.ts');
const choose = backend('meshes/chooseMeshProvider.test.ts');
const registry = backend('meshes/MeshRouterRegistry.test.ts');
const istio = backend('meshes/istio/buildIstioObjects.test.ts');
const istioRefusals = backend('meshes/istio/istioRefusals.test.ts');
const httpRoute = backend('meshes/gatewayapi/buildHttpRoute.test.ts');
const gatewayApiRouter = backend('meshes/gatewayapi/GatewayApiRouter.test.ts');
const gatewayApiRefusals = backend(
  'meshes/gatewayapi/gatewayApiRefusals.test.ts',
);
const trafficSplit = backend('meshes/smi/buildTrafficSplit.test.ts');
const smiRefusals = backend('meshes/smi/smiRefusals.test.ts');
const appMesh = backend('meshes/appmesh/buildAppMeshObjects.test.ts');
const appMeshRefusals = backend('meshes/appmesh/appMeshRefusals.test.ts');
const kumaRefusals = backend('meshes/kuma/kumaRefusals.test.ts');
const blueGreen = backend('meshes/kubernetes/buildBlueGreenService.test.ts');
const kubernetesRefusals = backend(
  'meshes/kubernetes/kubernetesRefusals.test.ts',
);
const nginxRefusals = backend('meshes/nginx/nginxRefusals.test.ts');
const nginxRouter = backend('meshes/nginx/NginxRouter.test.ts');
const canaryIngress = backend('meshes/nginx/buildCanaryIngress.test.ts');
const otherProvidersFields = backend(
  'meshes/refuseOtherProvidersFields.test.ts',
);
const judge = backend('metrics/judgeMetric.test.ts');
const builtinQueries = backend('metrics/renderBuiltinMetricQuery.test.ts');
const templates = backend('metrics/renderMetricTemplate.test.ts');
const metricChecks = backend('checks/runMetricChecks.test.ts');
const webhooks = backend('checks/runWebhooks.test.ts');
const eventWebhooks = backend('checks/runEventWebhooks.test.ts');
const alertProviders = backend('alerts/readAlertProviders.test.ts');
const rolloutAlert = backend('alerts/decideRolloutAlert.test.ts');
const alertsFor = backend('alerts/alertProvidersFor.test.ts');
const notifiers = backend('alerts/NOTIFIERS.test.ts');
const crds = backend('crds/buildCrds.test.ts');
const flaggerLab = backend('service/entityRollouts.lab.test.ts');
const strategiesLab = backend('engine/FlaggerStrategies.lab.test.ts');
const consulObjects = backend('meshes/consul/buildConsulObjects.test.ts');
const consulRefusals = backend('meshes/consul/consulRefusals.test.ts');
const consulLab = backend('meshes/consul/consulMesh.lab.test.ts');
const istioAffinity = backend(
  'meshes/istio/istioSessionAffinityRoutes.test.ts',
);
const httpRouteAffinity = backend(
  'meshes/gatewayapi/httpRouteSessionAffinityRules.test.ts',
);

const canary = (
  field: string,
  verdict: FieldVerdict,
  behaviour: string,
  tests: FieldTest[],
  more: Partial<FlaggerFieldRow> = {},
): FlaggerFieldRow => ({
  kind: 'Canary',
  field,
  verdict,
  behaviour,
  tests,
  ...more,
});

/**
 * A field refused by the validator, with the message of FLAGGER_FIELD_REFUSALS (or
 * FLAGGER_METRIC_TEMPLATE_REFUSALS) and the table-driven test that sets it, keyed alike.
 */
const refused = (
  field: string,
  refusal: FlaggerFieldRefusal,
  more: Partial<FlaggerFieldRow> = {},
): FlaggerFieldRow =>
  canary(
    field,
    verdictOf(FLAGGER_FIELD_REFUSALS[refusal]),
    '',
    [spec(refusal)],
    {
      refusal,
      ...more,
    },
  );

const refusedInTemplate = (
  field: string,
  refusal: keyof typeof FLAGGER_METRIC_TEMPLATE_REFUSALS,
  more: Partial<FlaggerFieldRow> = {},
): FlaggerFieldRow => ({
  kind: 'MetricTemplate',
  field,
  verdict: verdictOf(FLAGGER_METRIC_TEMPLATE_REFUSALS[refusal]),
  behaviour: '',
  metricTemplateRefusal: refusal,
  tests: [manifest(`'${refusal}'`)],
  ...more,
});

function verdictOf(message: string): FieldVerdict {
  return message.includes('not supported yet') ? 'not yet' : 'refused';
}

/**
 * Every field of Flagger's v1beta1 Canary, MetricTemplate and AlertProvider (and Vane's own), and
 * what Vane does with it. docs/flagger-fields.md is rendered from it (`yarn generate:crds`); a
 * test fails when a field of the CRDs has no row, or a row names a test that does not exist.
 */
export const FLAGGER_FIELDS: readonly FlaggerFieldRow[] = [
  // The resource itself.
  canary(
    'apiVersion',
    'Vane',
    '`delivery.vane.dev/v1alpha1` in place of `flagger.app/v1beta1` (or `v1alpha3`): the one change a Flagger Canary needs, when it uses no refused field.',
    [flaggerLab('applies a v1alpha3-style Flagger Canary')],
  ),
  canary('kind', 'as in Flagger', '`Canary`.', [
    flaggerLab('applies a v1alpha3-style Flagger Canary'),
  ]),
  canary(
    'metadata',
    'as in Flagger',
    'Name and namespace of the Canary; the objects Vane creates are owned by it and go with it.',
    [engineLab('with revertOnDeletion, deleting the Canary')],
  ),

  // spec: provider and target.
  canary(
    'spec.provider',
    'by mesh',
    "Chooses the router: `istio`, `gatewayapi` (also `gatewayapi:v1`, `gatewayapi:v1beta1`; Vane writes v1beta1 HTTPRoutes), `smi` (also `smi:v1alpha2`, and Flagger's `linkerd` and `osm`; Vane writes v1alpha2 TrafficSplits), `consul` (also `consul:v1alpha1`: Consul's ServiceSplitter, ServiceRouter and ServiceDefaults as consul-k8s CRDs; not one of Flagger's), `appmesh` (also `appmesh:v1beta2`; Vane writes appmesh.k8s.aws/v1beta2 for both, where Flagger's plain `appmesh` writes v1beta1, refused as `appmesh:v1beta1`), `kuma`, `gloo` (also `gloo:v1`: Upstreams and a RouteTable), `traefik` (also `traefik:v1alpha1`: a traefik.io TraefikService), `contour` (an HTTPProxy), `nginx` (with `ingressRef`: a canary Ingress), `kubernetes`, or a module's. Without it, the cluster's `defaultProvider`, else discovery (Flagger's `-mesh-provider` flag; never `nginx`, whose Ingress API every cluster serves). `smi:v1alpha1` and `smi:v1alpha3` are refused (not supported yet); Flagger's other providers (`apisix`, `knative`, `skipper`) are refused with `No mesh router for provider ...` and the list of those available.",
    [
      choose("given Flagger's provider names, maps them to Vane's routers"),
      choose('given no spec.provider, uses the cluster default'),
      smiRefusals("Flagger's smi:v1alpha3, not written yet"),
      gatewayApiRefusals('an unknown Gateway API version'),
      appMeshRefusals("Flagger's appmesh:v1beta1"),
      kumaRefusals('a provider version'),
      registry('names the available providers when asked for an unknown one'),
      consulRefusals('another CRD version'),
    ],
  ),
  refused('spec.metricsServer', 'metricsServer'),
  canary(
    'spec.targetRef.apiVersion',
    'as in Flagger',
    'Read with the kind: a `Deployment` or a `DaemonSet` is read as `apps/v1`, as Flagger does.',
    [
      engineLab('walks the seed promotion on Istio'),
      kindsLab('releases a DaemonSet'),
    ],
  ),
  canary(
    'spec.targetRef.kind',
    'by value',
    '`Deployment` or `DaemonSet`, as in Flagger: `<name>-primary` is of the same kind. A DaemonSet is scaled to zero between rollouts by a node selector no node matches (`delivery.vane.dev/scale-to-zero: "true"` on its pod template, which the revision and the primary leave out; Flagger\'s `flagger.app/scale-to-zero` is read the same way), its readiness counts its scheduled and available pods, and, as in Flagger, it must use the `RollingUpdate` strategy. `Service` (Knative) and any other kind are refused.',
    [
      engineLab('walks the seed promotion on Istio'),
      kindsLab('releases a DaemonSet'),
      daemonSets(
        'scales the target to zero by a node selector no node matches',
      ),
      daemonSets('refuses a target updated OnDelete'),
      spec('accepts a DaemonSet target'),
      spec('targetRef.kind=Service'),
      spec("'targetRef.kind'"),
    ],
  ),
  canary(
    'spec.targetRef.name',
    'as in Flagger',
    'The Deployment or DaemonSet released; Vane creates `<name>-primary` from it and scales it to zero between releases.',
    [
      decide('given a new Canary without primary, creates podinfo-primary'),
      engineLab('walks the seed promotion on Istio'),
      executors('createPrimary: creates podinfo-primary as a DaemonSet'),
    ],
  ),
  canary(
    'spec.autoscalerRef.apiVersion',
    'as in Flagger',
    "`autoscaling/v2` or `autoscaling/v2beta2` for an HPA: read at the version the cluster serves, so a Canary written for one works on a cluster serving the other. `keda.sh/v1alpha1` for a ScaledObject: on a cluster without KEDA's CRD the Canary waits with the reason.",
    [
      engineLab(
        'initialises once it exists (autoscaling/v2 on a cluster serving v2beta2)',
      ),
      kindsLab('with a KEDA ScaledObject autoscalerRef'),
    ],
  ),
  canary(
    'spec.autoscalerRef.kind',
    'by value',
    '`HorizontalPodAutoscaler` or KEDA\'s `ScaledObject`, as in Flagger: copied as `<name>-primary` scaling the primary, brought up to date on every promotion. The target\'s ScaledObject is paused at zero replicas (`autoscaling.keda.sh/paused-replicas: "0"`) whenever the target is scaled to zero and resumed when a rollout scales it up, as Flagger does; an HPA needs neither. Any other kind is refused, and so is an autoscaler on a DaemonSet target.',
    [
      engineLab('creates podinfo-primary scaling podinfo-primary'),
      kindsLab('with a KEDA ScaledObject autoscalerRef'),
      executors("scaleTarget: pauses the target's ScaledObject at zero"),
      spec('accepts a KEDA ScaledObject as autoscalerRef'),
      spec("'autoscalerRef.kind'"),
      spec('autoscalerRef+targetRef.kind=DaemonSet'),
    ],
  ),
  canary(
    'spec.autoscalerRef.name',
    'as in Flagger',
    "The target's HPA or ScaledObject; while it is missing the Canary waits with the reason and nothing is created.",
    [
      engineLab('waits with the reason on its status while the HPA is missing'),
      executors('createPrimary: given no ScaledObject podinfo-so'),
      hpa('given the podinfo HPA, builds podinfo-primary'),
    ],
  ),
  canary(
    'spec.autoscalerRef.primaryScalerQueries',
    'by value',
    "A ScaledObject's: the `metadata.query` of each trigger it names in the primary's copy (the other triggers are copied as they are); without it each trigger's query is rewritten to name `<target>-primary` where it names `<target>` or `<target>-canary`, as Flagger does. A name no trigger has stops the copy with the reason (Flagger ignores it, leaving the primary scaled on the canary's query). Refused with an HPA, which has no queries.",
    [
      scaledObject(
        'given primaryScalerQueries, sets the query of the trigger it names',
      ),
      scaledObject(
        'given primaryScalerQueries naming a trigger the ScaledObject has not',
      ),
      scaledObject('its queries naming the primary'),
      spec('accepts a KEDA ScaledObject as autoscalerRef'),
      spec('autoscalerRef.primaryScalerQueries+HorizontalPodAutoscaler'),
    ],
  ),
  canary(
    'spec.autoscalerRef.primaryScalerReplicas',
    'as in Flagger',
    "The primary copy's own minimum and maximum, in place of the target autoscaler's: an HPA's `minReplicas`/`maxReplicas`, a ScaledObject's `minReplicaCount`/`maxReplicaCount`.",
    [
      hpa(
        'given primaryScalerReplicas, gives the primary its own minimum and maximum',
      ),
      scaledObject(
        'given primaryScalerReplicas, gives the primary its own minReplicaCount',
      ),
      spec('accepts primaryScalerReplicas on a HorizontalPodAutoscaler'),
    ],
    { subtree: true },
  ),
  canary(
    'spec.ingressRef.apiVersion',
    'by value',
    '`networking.k8s.io/v1`, as in Flagger (or unset); any other is refused.',
    [spec('ingressRef.apiVersion')],
    { refusal: 'ingressRef.apiVersion' },
  ),
  canary(
    'spec.ingressRef.kind',
    'by value',
    '`Ingress`, as in Flagger (or unset); any other is refused.',
    [spec('ingressRef.kind')],
    { refusal: 'ingressRef.kind' },
  ),
  canary(
    'spec.ingressRef.name',
    'by mesh',
    "Provider nginx: the Ingress (in the Canary's namespace) whose copy `<ingress>-canary` the router writes with ingress-nginx's canary annotations, required there; the Ingress itself is never written and keeps sending its traffic to the apex Service (the primary). Also `{{ ingress }}` in metric queries (else the target's name). Refused with the rest of `ingressRef` on every other provider.",
    [
      spec("accepts Flagger's ingressRef"),
      nginxRefusals('requires ingressRef'),
      otherProvidersFields("refuses Flagger's ingressRef on provider %s"),
      canaryIngress('copies it as <ingress>-canary to the canary Service'),
      nginxRouter('creates the canary Ingress at weight 0'),
      templates('fills {{ ingress }} with it'),
    ],
  ),
  refused('spec.routeRef', 'routeRef', { subtree: true }),
  refused('spec.upstreamRef', 'upstreamRef', { subtree: true }),

  // spec.service: the generated Services.
  canary(
    'spec.service.name',
    'as in Flagger',
    "Name of the apex Service (default: the target's name); Vane creates `<name>`, `<name>-primary` and `<name>-canary`.",
    [workloads('makes the apex, primary and canary Services')],
  ),
  canary(
    'spec.service.port',
    'as in Flagger',
    'The port of the three Services and of every routing object.',
    [
      workloads('makes the apex, primary and canary Services'),
      httpRoute('given a canary behind a Gateway at weight 20'),
    ],
  ),
  canary(
    'spec.service.targetPort',
    'as in Flagger',
    "The Services' target port, a number or a name (default: `port`).",
    [workloads('gives every Service the targetPort and portName')],
  ),
  canary(
    'spec.service.portName',
    'as in Flagger',
    "The Services' port name (default: `http`).",
    [workloads('gives every Service the targetPort and portName')],
  ),
  canary(
    'spec.service.appProtocol',
    'as in Flagger',
    "The `appProtocol` of the Services' port `service.port` (discovered ports get none, as in Flagger).",
    [workloads('given headless, appProtocol and trafficDistribution')],
  ),
  canary(
    'spec.service.trafficDistribution',
    'as in Flagger',
    "The Services' `trafficDistribution` (`PreferClose`, `PreferSameZone`, `PreferSameNode`), kept up to date where Flagger sets it only at creation. Kubernetes serves it from 1.31; an older API server drops it, and Vane then sends it again at every tick (a PATCH that changes nothing).",
    [
      workloads('given headless, appProtocol and trafficDistribution'),
      spec('a traffic distribution Kubernetes does not have'),
    ],
  ),
  canary(
    'spec.service.portDiscovery',
    'as in Flagger',
    "Adds the target's other container ports to the three Services, as Flagger's getPorts: every port of every container but `istio-proxy` and `envoy`, except the one `service.targetPort` (by number or name, else `service.port`) exposes, as TCP with the same number, named as the container names it or `tcp-<container>-<index>`. They follow the target on every tick. On istio, a route reached from a gateway (or a delegate) names `service.port` in its destinations.",
    [
      workloads('given portDiscovery, adds the target'),
      workloads('given portDiscovery and a named targetPort'),
      workloads('given new discovered ports on a NodePort apex'),
      istio('given discovered ports behind a gateway'),
      istio('given discovered ports inside the mesh'),
      engineLab(
        'gives the apex, primary and canary Services their metadata and the discovered ports',
      ),
    ],
  ),
  canary(
    'spec.service.headless',
    'as in Flagger',
    'Makes the three Services headless (`clusterIP: None`). Kubernetes cannot change the clusterIP of an existing Service: switching it later is an error on the status naming the Service (delete it and Vane creates it again), where Flagger leaves the Service as it was.',
    [
      workloads('given headless, appProtocol and trafficDistribution'),
      workloads('given a Service with a clusterIP and service.headless'),
    ],
  ),
  canary(
    'spec.service.timeout',
    'by mesh',
    "istio: the timeout of every route of the VirtualService; gatewayapi: `timeouts.request` of every rule of the HTTPRoute, as Flagger's gatewayapi:v1 router (the v1beta1 HTTPRoute Vane writes has v1's schema; Gateway API CRDs carry `timeouts` from 1.2, older ones drop it), in Gateway API's duration form (`1.5s` is refused: write `1500ms`). Refused on smi and kubernetes.",
    [
      istio('copies the options to the route'),
      httpRoute(
        'given timeouts, header operations, a prefix rewrite and a CORS policy',
      ),
      gatewayApiRefusals('a fractional timeout'),
      smiRefusals("'a timeout'"),
      kubernetesRefusals("'a timeout'"),
      spec('a request timeout of 0s'),
    ],
  ),
  canary(
    'spec.service.backendTimeout',
    'by mesh',
    "gatewayapi: `timeouts.backendRequest` of every rule of the HTTPRoute, as Flagger's gatewayapi:v1 router; longer than `timeout` is refused (Gateway API's rule). Refused on istio, smi and kubernetes, which have no per-backend timeout (Flagger: Gateway API only).",
    [
      httpRoute(
        'given timeouts, header operations, a prefix rewrite and a CORS policy',
      ),
      gatewayApiRefusals('a backend timeout longer than the request timeout'),
      istioRefusals("Gateway API's backendTimeout"),
      smiRefusals("'a backend timeout'"),
      kubernetesRefusals("'a backend timeout'"),
    ],
  ),
  canary(
    'spec.service.gateways',
    'by mesh',
    'istio: the gateways of the VirtualService (default `mesh`). Refused on gatewayapi (which attaches to `gatewayRefs`), smi and kubernetes.',
    [
      istio(
        'given a public gateway, hosts and service options, keeps the gateways',
      ),
      gatewayApiRefusals("Istio's gateways"),
      smiRefusals("'Istio gateways'"),
      kubernetesRefusals("'Istio gateways'"),
    ],
  ),
  canary(
    'spec.service.gatewayRefs',
    'by mesh',
    "gatewayapi: the HTTPRoute's parentRefs, every ParentReference field kept. Without them the route attaches to the apex Service (GAMMA, east-west traffic in the mesh) where Flagger requires them. Refused on istio (which takes `gateways`), smi and kubernetes.",
    [
      httpRoute("keeps Flagger's ParentReference fields on the parentRefs"),
      httpRoute('given no gatewayRefs, attaches the route to the apex Service'),
      istioRefusals("Gateway API's gatewayRefs"),
      smiRefusals("'Gateway API gatewayRefs'"),
    ],
    { subtree: true },
  ),
  canary(
    'spec.service.hosts',
    'by mesh',
    'istio: the VirtualService hosts, plus the apex Service unless a `*` covers it; gatewayapi: the HTTPRoute hostnames; smi: the service the TrafficSplit splits (the first host; more than one is refused). Refused on kubernetes.',
    [
      istio('adds the apex host'),
      istio('given a wildcard host, does not add the apex host'),
      httpRoute('splits 80/20 for every path of its host'),
      trafficSplit('given hosts, splits the first host'),
      smiRefusals('more than one host'),
      kubernetesRefusals("'hosts'"),
    ],
  ),
  canary(
    'spec.service.delegation',
    'by mesh',
    'istio: the VirtualService is a delegate, without hosts or gateways (the VirtualService that delegates to it carries them; Istio needs `PILOT_ENABLE_VIRTUAL_SERVICE_DELEGATE`); with `hosts` or `gateways` it is refused, as in Flagger. Refused on gatewayapi, smi and kubernetes.',
    [
      istio('given delegation, writes a delegate VirtualService'),
      istioRefusals('hosts beside delegation, as Flagger'),
      gatewayApiRefusals("'Istio delegation'"),
      smiRefusals("'Istio delegation'"),
      kubernetesRefusals("'Istio delegation'"),
    ],
  ),
  canary(
    'spec.service.trafficPolicy',
    'by mesh',
    'istio: copied to both DestinationRules as written (Istio validates it). Refused on gatewayapi, smi and kubernetes.',
    [
      istio('copies the options to the route'),
      gatewayApiRefusals("Istio's trafficPolicy"),
      smiRefusals("'a traffic policy'"),
      kubernetesRefusals("'a traffic policy'"),
    ],
    { subtree: true },
  ),
  canary(
    'spec.service.match',
    'by mesh',
    "istio: the match of every route (an Istio HTTPMatchRequest; Flagger's `suffix` string match and fields Istio has not are refused); gatewayapi: translated to HTTPRouteMatches, and what Gateway API cannot express is refused by field. Refused on smi and kubernetes.",
    [
      istio(
        'given an A/B canary on a URI prefix, combines each header match with the prefix',
      ),
      istioRefusals('a field Istio has no match for'),
      httpRoute('under /api'),
      smiRefusals("'URI matches'"),
    ],
    { subtree: true },
  ),
  canary(
    'spec.service.rewrite.uri',
    'by mesh',
    'istio: the rewrite of every route; gatewayapi: the path of a URLRewrite filter on every rule, the full path (`ReplaceFullPath`) or the matched prefix (`rewrite.type: ReplacePrefixMatch`), as Flagger. Refused on smi and kubernetes.',
    [
      istio('given a rewrite, header operations and a CORS policy'),
      httpRoute('given a rewrite of the authority and the path without a type'),
      smiRefusals("'a rewrite'"),
    ],
  ),
  canary(
    'spec.service.rewrite.authority',
    'by mesh',
    'istio: the rewrite of every route; gatewayapi: the hostname of the URLRewrite filter, as Flagger. Refused on smi and kubernetes.',
    [
      istio('given a rewrite, header operations and a CORS policy'),
      httpRoute('given a rewrite of the authority and the path without a type'),
    ],
  ),
  canary(
    'spec.service.rewrite.type',
    'by mesh',
    "gatewayapi: the URLRewrite path modifier, `ReplaceFullPath` (also when unset) or `ReplacePrefixMatch`, as Flagger reads it; another value is refused (Flagger would read it as ReplaceFullPath), and so is `ReplacePrefixMatch` on rules with more than one match (Gateway API's rule). Refused on istio, whose rewrite has no type (Flagger ignores it there).",
    [
      httpRoute(
        'given timeouts, header operations, a prefix rewrite and a CORS policy',
      ),
      httpRoute('given a rewrite of the authority and the path without a type'),
      gatewayApiRefusals('a prefix rewrite of a rule with two path matches'),
      istioRefusals("Gateway API's rewrite type"),
      spec('refuses a rewrite type that is not a Gateway API path modifier'),
    ],
  ),
  canary(
    'spec.service.retries',
    'by mesh',
    'istio: the retry policy of every route. Refused on gatewayapi (its HTTPRoute has no retry policy, and Flagger writes none either), smi and kubernetes.',
    [
      istio('copies the options to the route'),
      gatewayApiRefusals("'retries'"),
      smiRefusals("'retries'"),
    ],
    { subtree: true },
  ),
  canary(
    'spec.service.headers',
    'by mesh',
    "istio: the header operations of every route; gatewayapi: RequestHeaderModifier (`request`) and ResponseHeaderModifier (`response`) filters on every rule, `add` and `set` sorted by name, as Flagger's routers. Refused on smi and kubernetes.",
    [
      istio('given a rewrite, header operations and a CORS policy'),
      httpRoute(
        'given timeouts, header operations, a prefix rewrite and a CORS policy',
      ),
      smiRefusals("'header operations'"),
    ],
    { subtree: true },
  ),
  refused('spec.service.mirror', 'service.mirror'),
  canary(
    'spec.service.corsPolicy',
    'by mesh',
    "istio: the CORS policy of every route; gatewayapi: a CORS filter on every rule, as Flagger's gatewayapi:v1 router maps it (`allowOrigin` to `allowOrigins`, methods, headers, `allowCredentials`, `maxAge` in whole seconds). The v1beta1 HTTPRoute Vane writes carries it where the Gateway API CRDs do (1.5 standard, 1.3 experimental; older ones reject the route, and the status says why). Istio's string-matched `allowOrigins`, which Flagger drops, and a `maxAge` under 1s are refused on gatewayapi. Refused on smi and kubernetes.",
    [
      istio('given a rewrite, header operations and a CORS policy'),
      httpRoute(
        'given timeouts, header operations, a prefix rewrite and a CORS policy',
      ),
      gatewayApiRefusals("Istio's string-matched CORS origins"),
      gatewayApiRefusals('a CORS maxAge under a second'),
      smiRefusals("'a CORS policy'"),
    ],
    { subtree: true },
  ),
  refused('spec.service.meshName', 'service.meshName', {
    tests: [
      spec('service.meshName'),
      flaggerLab('keeps the Flagger fields Vane refuses (none pruned'),
    ],
  }),
  canary(
    'spec.service.backends',
    'by mesh',
    "appmesh: the VirtualNodes' backends, as Flagger's appmesh:v1beta2 router writes them (an `arn:aws` entry as a virtualServiceARN, any other as a virtualServiceRef). Refused on every other provider, and without `provider: appmesh`.",
    [
      appMesh('given a timeout, retries, backends'),
      spec('service.backends+provider'),
      spec('accepts service.backends on provider %s'),
    ],
    { refusal: 'service.backends+provider' },
  ),
  canary(
    'spec.service.apex',
    'as in Flagger',
    "Labels and annotations of the apex Service `<name>` (with `app: <name>`, which wins over a custom `app`), kept up to date on every tick; others' labels and annotations on it are removed unless `unmanagedMetadata` lists them, as in Flagger. A Service that existed before the Canary (adopted) keeps its own metadata. Also on the VirtualService (istio) or HTTPRoute (gatewayapi), as Flagger, whenever Vane writes it (initialisation, each weight change; Flagger every tick): their labels become these, annotations are added to.",
    [
      workloads('given apex, primary and canary metadata'),
      workloads('given changed apex metadata and labels others set'),
      workloads('given an apex Service Vane adopted'),
      refusalsLab(
        'on the tick after service.apex changes patches the apex Service alone',
      ),
      httpRoute('given service.apex, labels and annotates the HTTPRoute'),
      gatewayApiRouter(
        "given a new service.apex, brings the route's labels to it",
      ),
      istio('given service.apex and a rewrite with a Gateway API type'),
      engineLab(
        'gives the apex, primary and canary Services their metadata and the discovered ports',
      ),
    ],
    { subtree: true },
  ),
  canary(
    'spec.service.primary',
    'as in Flagger',
    'Labels and annotations of the Service `<name>-primary`, as `service.apex` for the apex.',
    [
      workloads('given apex, primary and canary metadata'),
      engineLab(
        'gives the apex, primary and canary Services their metadata and the discovered ports',
      ),
    ],
    { subtree: true },
  ),
  canary(
    'spec.service.canary',
    'as in Flagger',
    'Labels and annotations of the Service `<name>-canary`, as `service.apex` for the apex.',
    [
      workloads('given apex, primary and canary metadata'),
      engineLab(
        'gives the apex, primary and canary Services their metadata and the discovered ports',
      ),
    ],
    { subtree: true },
  ),
  canary(
    'spec.service.unmanagedMetadata',
    'as in Flagger',
    'Label and annotation keys of the three Services that others set: Vane keeps their value and never adds, changes or removes them, where it removes any other label or annotation it did not set.',
    [
      workloads('given changed apex metadata and labels others set'),
      engineLab('a label someone else puts on the apex Service survives'),
    ],
    { subtree: true },
  ),

  // spec.analysis
  canary(
    'spec.analysis.interval',
    'as in Flagger',
    'Time between two steps of the analysis (default `1m`). Between `1s` and `24h`, refused outside (`analysis.interval must be at least 1s (got "0s")`); Flagger raises anything under 10s to 10s in silence, Vane honours it.',
    [
      spec('an analysis interval of 0s, which would tick without pause'),
      spec('an analysis interval over a day'),
      engineLab('walks the seed promotion on Istio'),
    ],
  ),
  canary(
    'spec.analysis.threshold',
    'as in Flagger',
    'Failed checks before the rollout is rolled back (default 1).',
    [
      decide('given failed checks at the threshold, rolls back'),
      engineLab(
        'halts a faulty canary with the reason, counts failed checks 1, 2, 3',
      ),
    ],
  ),
  canary(
    'spec.analysis.maxWeight',
    'as in Flagger',
    'The last canary weight of weight steps (default 100); promotion follows it. Refused with `iterations`, which it has no meaning for.',
    [
      weights('steps by stepWeight up to maxWeight'),
      decide('given maxWeight reached with healthy metrics'),
      spec('analysis.maxWeight+iterations'),
    ],
  ),
  canary(
    'spec.analysis.stepWeight',
    'by mesh',
    'The canary weight added at each step. Refused on kubernetes, which switches all traffic at once.',
    [
      weights(
        'caps the last step at maxWeight when stepWeight does not divide it',
      ),
      engineLab('walks the seed promotion on Istio: weights 20, 40, 60, 80'),
      kubernetesRefusals("'weight steps'"),
    ],
  ),
  canary(
    'spec.analysis.stepWeights',
    'by mesh',
    'The canary weights in order, in place of stepWeight. Refused on kubernetes.',
    [
      decide('given stepWeights 5, 10, 50, advances from 10 to 50'),
      weights('takes stepWeights as written'),
      kubernetesRefusals("'a list of weights'"),
    ],
  ),
  canary(
    'spec.analysis.stepWeightPromotion',
    'as in Flagger',
    'After the analysis, traffic goes back to the primary by this step instead of at once.',
    [decide('given stepWeightPromotion 30 at weight 80, hands traffic back')],
  ),
  canary(
    'spec.analysis.iterations',
    'as in Flagger',
    'Analysis runs of A/B testing (with `match`) and blue/green (without). A/B promotes after the N-th; blue/green, as Flagger, then routes all traffic to the canary (iteration N+1; on `kubernetes` only the count moves) and copies the spec to the primary at the next tick, so no request in flight is dropped while the primary rolls out; once it has, traffic goes back to the primary.',
    [
      decide('given iteration 3 with healthy metrics, moves to iteration 4'),
      decide('given the last iteration with healthy metrics, promotes'),
      decide('blue/green at iteration 3 of 3 on istio'),
      decide('blue/green at iteration 4 of 3, the traffic on the canary'),
      decide('blue/green at iteration 3 of 3 on kubernetes'),
      decide('blue/green Promoting and the primary rolled out'),
      blueGreen('given all traffic on canary, selects the canary pods'),
      strategiesLab('blue/green through Istio'),
    ],
  ),
  canary(
    'spec.analysis.steps',
    'Vane',
    "Argo Rollouts' canary steps (its CanaryStep), in place of `stepWeight`, `stepWeights` or `iterations` (each refused beside them, as are `maxWeight`, `mirror` and `match`). `setWeight` routes that share to the canary; `pause: {duration}` (a string with a unit, or a number of seconds) holds the rollout for that long, from a start kept in the status; `pause: {}` holds it until an owner resumes it (the portal's Resume) or promotes it, and alerts as a manual gate does; `setHeaderRoute` and `setMirrorRoute` write named routes (istio, gatewayapi; consul writes `setHeaderRoute` as ServiceRouter routes and refuses `setMirrorRoute`; refused on smi, and every step on kubernetes). The analysis runs every `interval` while the canary receives traffic and before the promotion, at a pause too. Argo's `experiment`, `analysis`, `setCanaryScale` and `plugin` steps are refused by name.",
    [
      steps("accepts seed 004's steps as the Rollout writes them"),
      steps('refuses steps beside %s by name'),
      steps("refuses Argo Rollouts' %s step by name"),
      decideSteps('a timed pause whose end has come'),
      decideSteps("an owner's resume of the pause that holds the rollout"),
      decideSteps('a restart in the middle of a timed pause'),
      istio(
        'given a header and a mirror route in effect, writes them as named routes',
      ),
      httpRoute("given Argo Rollouts' header and mirror routes at weight 20"),
      smiRefusals("Argo Rollouts' setHeaderRoute step"),
      kubernetesRefusals("Argo Rollouts' steps"),
      gatewayApiRefusals('a setHeaderRoute header matched by prefix'),
      consulObjects('given header routes of analysis.steps'),
      consulRefusals('a mirror route step'),
    ],
    { subtree: true },
  ),
  canary(
    'spec.analysis.match',
    'by mesh',
    "A/B testing: requests matching these conditions go to the canary for `iterations` runs, the rest to the primary. istio: Istio HTTPMatchRequests, each combined with `service.match`; gatewayapi: translated to HTTPRouteMatches (what Gateway API cannot express is refused by field); consul: a ServiceRouter route per condition, through the apex's ServiceSplitter, then a catch-all to the primary (what a ServiceRouter cannot express is refused by field). Refused on smi and kubernetes.",
    [
      decide('given iteration 0, sends matching requests to the canary'),
      istio('given an A/B canary with a header and a cookie match'),
      httpRoute('given an A/B canary with header, cookie and query matches'),
      gatewayApiRefusals(
        'a header prefix match, which Gateway API cannot express',
      ),
      istioRefusals("a suffix header match, which Flagger's CRD allows"),
      smiRefusals("'A/B testing'"),
      kubernetesRefusals("'A/B testing'"),
      refusalsLab('given an A/B Canary on smi, reports Valid=False'),
      strategiesLab('A/B %s: matching requests reach only the canary'),
      strategiesLab('A/B %s through Gateway API: a GAMMA HTTPRoute'),
      consulObjects('given A/B by header and by cookie'),
      consulLab('A/B by header'),
    ],
    { subtree: true },
  ),
  canary(
    'spec.analysis.mirror',
    'by mesh',
    "The primary answers every request while a copy goes to the canary. In a canary release (`stepWeight`/`stepWeights`), as Flagger's runCanary: the first step mirrors at weight 0 (after the pre-rollout hooks and confirm-traffic-increase), is analysed on the mirrored traffic, then shifts to the first weight without mirroring (no confirm-traffic-increase is asked while mirrored); the steps go on as without mirror. In blue/green (`iterations`) the iterations run mirrored, and mirroring stops when all traffic moves to the canary. istio and gatewayapi (Flagger's Gateway API router mirrors blue/green only, so its weighted canary never mirrors; Vane mirrors it as on istio). Refused on smi, kubernetes and consul (Consul's config entries cannot copy requests); with `match`, where Flagger mirrors nothing either.",
    [
      decide(
        'mirror, weight 0 and the pre-rollout hooks passed: mirrors at weight 0',
      ),
      decide(
        'mirrored at weight 0 with healthy metrics: shifts to the first step',
      ),
      decide(
        'mirrored at weight 0 at the threshold: rolls back and stops mirroring',
      ),
      decide(
        'given mirroring, mirrors the traffic to the canary at iteration 0',
      ),
      decide('blue/green with mirroring at iteration 3 of 3 on gatewayapi'),
      istio("a weighted canary's mirror step"),
      istio('blue/green with mirroring at 50%'),
      httpRoute("a weighted canary's mirror step"),
      httpRoute('blue/green with mirroring at 25%'),
      spec('accepts mirroring before the weight steps'),
      spec('analysis.mirror+match'),
      smiRefusals("'mirroring'"),
      kubernetesRefusals("'mirroring'"),
      consulRefusals("'mirroring'"),
      strategiesLab('canary with mirroring through Istio'),
    ],
  ),
  canary(
    'spec.analysis.mirrorWeight',
    'by mesh',
    "The share of requests mirrored (default all). istio: `mirrorPercentage`; gatewayapi: the RequestMirror filter's `percent` (Gateway API 1.2 and later; Flagger's Gateway API router mirrors everything).",
    [
      istio('blue/green with mirroring at 50%'),
      istio('given mirroring without a mirrorWeight, mirrors everything'),
      httpRoute('blue/green with mirroring at 25%'),
      strategiesLab('canary with mirroring through Istio'),
    ],
  ),
  canary(
    'spec.analysis.primaryReadyThreshold',
    'as in Flagger',
    "The percentage of the primary's pods that must be available for it to count as ready (default 100; of a Deployment's updated replicas, of a DaemonSet's desired pods, rounded down as Flagger does), once its pods are all updated: at initialisation, at promotion, and, as in Flagger, before a rollout starts or advances (below it the rollout holds with the reason; skipAnalysis skips that wait, as in Flagger; Flagger also rolls back once the primary stays below it past progressDeadlineSeconds, Vane keeps holding).",
    [
      readiness('1 of 2 available at readyThreshold 50'),
      decide(
        'given a primary with 1 of 2 replicas available at initialisation',
      ),
      decide('given the promoted primary with 1 of 2 replicas available'),
      decide('whose primary drops below primaryReadyThreshold'),
      spec('accepts ready thresholds from 0 to 100 percent'),
      flaggerLab('keeps the Flagger fields Vane refuses (none pruned'),
    ],
  ),
  canary(
    'spec.analysis.canaryReadyThreshold',
    'as in Flagger',
    "The percentage of the canary's pods that must be available for it to count as ready (default 100, counted as for primaryReadyThreshold): before each analysis step (below it past progressDeadlineSeconds the rollout is rolled back), before an operator's promote, and before a deleted Canary hands traffic back to its target.",
    [
      readiness('2 of 3 pods available at readyThreshold 67'),
      decide('with 1 of 2 replicas available and canaryReadyThreshold'),
      decide('given a DaemonSet canary on 3 nodes'),
      finalization('hands traffic back at canaryReadyThreshold 50'),
      kindsLab(
        'with canaryReadyThreshold 50, progresses with one of the two canary pods not ready',
      ),
      spec('accepts ready thresholds from 0 to 100 percent'),
    ],
  ),
  canary(
    'spec.analysis.metrics[].name',
    'as in Flagger',
    "`request-success-rate` and `request-duration` are built in, with each mesh's telemetry; any other name needs `templateRef` or `query`.",
    [
      builtinQueries('istio: success rate and p99 duration'),
      builtinQueries('linkerd (and smi)'),
      spec('a custom metric without query'),
    ],
  ),
  canary(
    'spec.analysis.metrics[].interval',
    'as in Flagger',
    "The query's window (default `1m`), between `1s` and `24h`.",
    [
      templates('given a MetricTemplate with every placeholder'),
      spec('a metric interval of 0s'),
    ],
  ),
  canary(
    'spec.analysis.metrics[].threshold',
    'as in Flagger',
    "Flagger's old form of `thresholdRange`: a minimum for the success rate, a maximum for every other metric. Beside `thresholdRange` it is refused.",
    [
      spec('normalising canaryAnalysis, threshold and untyped webhooks'),
      spec('analysis.metrics[].threshold+thresholdRange'),
    ],
  ),
  canary(
    'spec.analysis.metrics[].thresholdRange',
    'as in Flagger',
    'The range a measured value must stay in, bounds included. Required: without it a metric could never fail.',
    [
      judge(
        'given values within the range, passes, bounds inclusive as in Flagger',
      ),
      judge('given a success rate of 91.8% against a minimum of 99%'),
      spec('a metric without threshold'),
    ],
    { subtree: true },
  ),
  canary(
    'spec.analysis.metrics[].query',
    'as in Flagger',
    "An inline PromQL query with the MetricTemplate placeholders (deprecated in Flagger, kept by Vane), run on the cluster's Prometheus.",
    [metricChecks('given an inline query, fills its placeholders')],
  ),
  canary(
    'spec.analysis.metrics[].templateRef',
    'as in Flagger',
    "A MetricTemplate, in the Canary's namespace unless `namespace` says otherwise. A missing or invalid template fails the check with the reason.",
    [
      metricChecks('given a templateRef without namespace'),
      metricChecks('given a MetricTemplate in another namespace'),
      metricChecks(
        'given a templateRef to a MetricTemplate that does not exist',
      ),
    ],
    { subtree: true },
  ),
  canary(
    'spec.analysis.metrics[].templateVariables',
    'as in Flagger',
    "Values for the template's `{{ variables.<name> }}`; an unset one fails the check, naming it.",
    [
      metricChecks('fills its variables'),
      templates('given a variable the Canary does not set'),
    ],
  ),
  canary(
    'spec.analysis.webhooks[].name',
    'as in Flagger',
    "The webhook's name in the payload, events and gates; unique among a Canary's webhooks.",
    [
      webhooks("POSTs Flagger's JSON payload"),
      spec('two webhooks of one name'),
    ],
  ),
  canary(
    'spec.analysis.webhooks[].type',
    'as in Flagger',
    'Flagger\'s eight types, called where Flagger calls them (default, and `""`, `rollout`).',
    [
      webhooks('given hooks of several types, calls only the asked types'),
      decide('given a confirm-rollout gate that has not passed'),
      decide('given a confirm-traffic-increase gate that has not passed'),
      decide('given a confirm-promotion gate that has not passed'),
      decide('given a rollback webhook that answers yes, aborts now'),
      eventWebhooks('sends the event to both event hooks'),
      spec('accepts a refused field at Go'),
    ],
  ),
  canary(
    'spec.analysis.webhooks[].url',
    'as in Flagger',
    "POSTed Flagger's payload; 200-202 pass. Vane adds `vane://approval` for a gate approved in the portal.",
    [
      webhooks("POSTs Flagger's JSON payload and passes on 200"),
      webhooks('given 204 No Content, fails as in Flagger'),
      spec('accepts manual gates served by Vane'),
    ],
  ),
  canary(
    'spec.analysis.webhooks[].timeout',
    'as in Flagger',
    "How long a call may take (default `10s`, Flagger's), between `100ms` and `1h`.",
    [
      webhooks(
        'given a hook slower than its timeout, fails saying it timed out',
      ),
      spec('a webhook timeout over an hour'),
    ],
  ),
  canary(
    'spec.analysis.webhooks[].retries',
    'as in Flagger',
    'Retries of a failed call, as go-retryablehttp does them for Flagger (0 to 10).',
    [
      webhooks(
        'given retries 3 and a 503 then a 200, passes on the second request',
      ),
    ],
  ),
  canary(
    'spec.analysis.webhooks[].metadata',
    'as in Flagger',
    "The payload's `metadata`.",
    [webhooks("POSTs Flagger's JSON payload")],
  ),
  canary(
    'spec.analysis.webhooks[].muteAlert',
    'as in Flagger',
    'Mutes the alert a rollout raises while this gate (`confirm-rollout`, `confirm-traffic-increase`, `confirm-promotion`) holds it, the only alerts Flagger mutes with it; the Event is recorded all the same.',
    [
      rolloutAlert('given a gate whose webhook sets muteAlert'),
      backend('engine/StatusChangeEffects.test.ts')(
        'given a rollout reaching a gate whose webhook sets muteAlert',
      ),
    ],
  ),
  canary(
    'spec.analysis.webhooks[].disableTLS',
    'as in Flagger',
    "Calls this webhook without verifying its TLS certificate (Flagger's InsecureSkipVerify); every other webhook is verified as before.",
    [webhooks('given an https hook with a self-signed certificate')],
  ),
  canary(
    'spec.analysis.alerts[].name',
    'as in Flagger',
    'Names the entry, as in Flagger (it is not sent).',
    [alertsFor("sends to the Canary's providers at their severity or worse")],
  ),
  canary(
    'spec.analysis.alerts[].severity',
    'as in Flagger',
    '`info` gets every alert, `warn` warnings and errors, `error` errors only (default, and `""`, `info`).',
    [
      alertsFor("sends to the Canary's providers at their severity or worse"),
      spec('an alert of an unknown severity'),
    ],
  ),
  canary(
    'spec.analysis.alerts[].providerRef.name',
    'as in Flagger',
    "One of `canary.alertProviders` in app-config (Flagger's AlertProvider: see the AlertProvider table).",
    [
      alertsFor("sends to the Canary's providers"),
      backend('alerts/AlertSender.test.ts')('reports unknown provider names'),
    ],
  ),
  refused(
    'spec.analysis.alerts[].providerRef.namespace',
    'analysis.alerts[].providerRef.namespace',
  ),
  canary(
    'spec.analysis.sessionAffinity',
    'by mesh',
    "Flagger's canary release with session affinity, on istio, gatewayapi and consul: while the canary has traffic, its answers set the cookie `cookieName` (`Set-Cookie: <cookieName>=<value>; Max-Age=<maxAge, default 86400>` and the attributes `domain`, `httpOnly`, `partitioned`, `path`, `sameSite`, `secure`) and requests carrying it go to the canary for the rest of the rollout; with `primaryCookieName` the primary's answers set a cookie for one analysis interval that keeps requests on the primary (a new one each step, as Flagger's docs describe). Once traffic is back on the primary (promotion, rollback, a new revision), the routes expire that cookie (Max-Age=-1, with its Domain and Path) in clients that still send it. The cookie values are in the status (below). istio: cookie routes before the weighted route, `headers.response` on its destinations; gatewayapi: cookie rules and ResponseHeaderModifier filters on the backendRefs; consul: ServiceRouter cookie routes, and `responseHeaders` on the ServiceSplitter's splits. The cookie is matched as one cookie of the header (`^(.*;\\s*)?name=value(;.*)?$`, stricter than Flagger's `.*name.*value.*`). `cookieName` is required and both names must be cookie names. Refused on smi and kubernetes, and with `iterations`.",
    [
      spec(
        "accepts session affinity with every cookie attribute of Flagger's docs",
      ),
      spec('a session affinity without a cookie name'),
      spec('analysis.sessionAffinity+iterations'),
      decide('session affinity, weight 0 to 20'),
      decide(
        "session affinity, weight 20 to 40: keeps the rollout's canary cookie",
      ),
      decide('session affinity, Promoting and the primary rolled out'),
      istioAffinity('given weight 20 with a canary and a primary cookie'),
      istioAffinity(
        "given the rollout over (weight 0) and the last run's cookie",
      ),
      httpRouteAffinity('given weight 20 with a canary and a primary cookie'),
      httpRouteAffinity(
        "given the rollout over (weight 0) and the last run's cookie",
      ),
      smiRefusals("'session affinity'"),
      kubernetesRefusals("'session affinity'"),
      consulObjects('given session affinity at weight 20'),
      strategiesLab('session affinity through Gateway API'),
    ],
    { subtree: true },
  ),
  canary(
    'spec.canaryAnalysis',
    'as in Flagger',
    "Flagger's old name of `analysis` (v1alpha3), read as `analysis` field for field, and shown in `kubectl get canaries` as `analysis` is. Beside `analysis` it is refused.",
    [
      spec('accepts the v1alpha3 manifest of the SuperGloo walkthrough'),
      spec('canaryAnalysis+analysis'),
      kubernetesRefusals(
        'reads a v1alpha3-style canaryAnalysis as the analysis',
      ),
      crds('the analysis ones from canaryAnalysis too'),
      flaggerLab('applies a v1alpha3-style Flagger Canary'),
    ],
    { subtree: true },
  ),
  canary(
    'spec.progressDeadlineSeconds',
    'as in Flagger',
    'How long the canary (or, on deletion, the target) may take to be ready before the rollout is rolled back (default 600).',
    [
      decide(
        'given the canary still not ready after progressDeadlineSeconds, rolls back',
      ),
      finalization(
        'given a target still not ready after progressDeadlineSeconds',
      ),
    ],
  ),
  canary(
    'spec.skipAnalysis',
    'as in Flagger',
    'Promotes a new revision without analysis.',
    [decide('given skipAnalysis, promotes without analysis')],
  ),
  canary(
    'spec.suspend',
    'as in Flagger',
    'The engine leaves the Canary alone, mid-analysis included, until it is unset.',
    [decide('given spec.suspend, does nothing and says so')],
  ),
  canary(
    'spec.revertOnDeletion',
    'as in Flagger',
    'Deleting the Canary first hands the service back to the target (a finalizer holds the deletion until then).',
    [
      engineLab(
        'with revertOnDeletion, deleting the Canary first hands the service back',
      ),
      finalization(
        'given a ready target, hands traffic back and removes the finalizer last',
      ),
    ],
  ),

  // status
  canary('status.phase', 'written', "Flagger's eleven phases.", [
    phases("keeps Flagger's eleven phases in lifecycle order"),
  ]),
  canary('status.canaryWeight', 'written', 'The weight the routes carry.', [
    decide(
      'given weight 0 and the pre-rollout webhooks passed, starts the analysis at the first step',
    ),
  ]),
  canary(
    'status.failedChecks',
    'written',
    'Failed checks of the rollout under way.',
    [decide('given weight 40 with 2 failed checks')],
  ),
  canary('status.iterations', 'written', 'Iterations run (A/B, blue/green).', [
    decide('given iteration 3 with healthy metrics, moves to iteration 4'),
  ]),
  canary(
    'status.currentStepIndex',
    'Vane',
    "For `analysis.steps`: the step under way (Argo Rollouts' `currentStepIndex`), their number once all are done or skipped by a promotion; absent before the first.",
    [
      decideSteps('before the first step: the pre-rollout hooks'),
      decideSteps("an owner's promote during a pause"),
    ],
  ),
  canary(
    'status.stepPause',
    'Vane',
    'The pause step holding the rollout: its index, its `startTime` and, for a timed pause, its `endTime`. A backend that restarts during the pause waits the rest of it.',
    [
      decideSteps('a restart in the middle of a timed pause'),
      decideSteps('a pause without duration: held however long it has been'),
    ],
    { subtree: true },
  ),
  canary(
    'status.lastAppliedSpec',
    'written',
    "The revision under analysis: a checksum of the target's pod template and of the data of the ConfigMaps and Secrets it reads.",
    [
      workloads(
        'changes with the image and with the data of a referenced ConfigMap',
      ),
      decide(
        'given a new revision, scales the canary up and starts Progressing',
      ),
    ],
  ),
  canary(
    'status.lastPromotedSpec',
    'written',
    'The revision the primary runs.',
    [decide('given the revision already promoted, does nothing')],
  ),
  canary(
    'status.lastTransitionTime',
    'written',
    'When the phase last changed.',
    [
      decide(
        'given a new revision, scales the canary up and starts Progressing',
      ),
    ],
  ),
  canary(
    'status.conditions',
    'written',
    "Flagger's `Promoted` condition, and Vane's `Valid=False` naming every refused or invalid field.",
    [
      engineLab(
        'reports an invalid Canary on its status, naming the field and the rule',
      ),
      refusalsLab('given an A/B Canary on smi, reports Valid=False'),
    ],
    { subtree: true },
  ),
  canary(
    'status.reason',
    'Vane',
    'Why the rollout halted, failed or waits, in words.',
    [
      decide(
        'given failed checks at the threshold, rolls back with the metric, its value and its threshold in the reason',
      ),
    ],
  ),
  canary(
    'status.metrics',
    'Vane',
    'The last measured value of each metric, with its threshold.',
    [decide('given weight 40 with 2 failed checks')],
  ),
  canary(
    'status.trackedConfigs',
    'not written',
    'Vane tracks the ConfigMaps and Secrets the target reads through `status.lastAppliedSpec`, which includes a digest of their data.',
    [],
  ),
  canary(
    'status.sessionAffinityCookie',
    'written',
    "The canary's cookie of the rollout under way (`name=value`), while the canary has traffic; the routers write the routes from it. Decided by the engine, not drawn at random: derived from the rollout (its start and revision), so a tick decided twice writes the same routes.",
    [
      decide('session affinity, weight 0 to 20'),
      decide('given the same step decided twice'),
    ],
  ),
  canary(
    'status.previousSessionAffinityCookie',
    'written',
    'The canary cookie of the last rollout, kept once traffic is back on the primary so the routes expire it.',
    [decide('session affinity, Promoting and the primary rolled out')],
  ),
  canary(
    'status.primarySessionAffinityCookie',
    'written',
    "The primary's cookie of the current step (`primaryCookieName`), a new one each step.",
    [
      decide(
        "session affinity, weight 20 to 40: keeps the rollout's canary cookie",
      ),
    ],
  ),

  // MetricTemplate
  {
    kind: 'MetricTemplate',
    field: 'apiVersion',
    verdict: 'Vane',
    behaviour:
      '`delivery.vane.dev/v1alpha1` in place of `flagger.app/v1beta1`.',
    tests: [manifest("accepts Flagger's Prometheus template")],
  },
  {
    kind: 'MetricTemplate',
    field: 'kind',
    verdict: 'as in Flagger',
    behaviour: '`MetricTemplate`.',
    tests: [manifest("accepts Flagger's Prometheus template")],
  },
  {
    kind: 'MetricTemplate',
    field: 'metadata',
    verdict: 'as in Flagger',
    behaviour: "Found by a metric's `templateRef`.",
    tests: [metricChecks('given a templateRef without namespace')],
  },
  {
    kind: 'MetricTemplate',
    field: 'spec.provider.type',
    verdict: 'by value',
    behaviour:
      "`prometheus` (the default). The API server refuses any other type at apply (the CRD's enum), and the validator with this message:",
    metricTemplateRefusal: 'provider.type',
    tests: [manifest("'provider.type'")],
  },
  {
    kind: 'MetricTemplate',
    field: 'spec.provider.address',
    verdict: 'as in Flagger',
    behaviour: "The Prometheus to query, in place of the cluster's.",
    tests: [metricChecks('with its own Prometheus address')],
  },
  refusedInTemplate('spec.provider.headers', 'provider.headers'),
  refusedInTemplate('spec.provider.secretRef', 'provider.secretRef', {
    subtree: true,
  }),
  refusedInTemplate('spec.provider.region', 'provider.region'),
  refusedInTemplate(
    'spec.provider.insecureSkipVerify',
    'provider.insecureSkipVerify',
  ),
  {
    kind: 'MetricTemplate',
    field: 'spec.query',
    verdict: 'as in Flagger',
    behaviour:
      "The PromQL query, with `{{ name }}`, `{{ namespace }}`, `{{ target }}`, `{{ service }}`, `{{ interval }}` and `{{ variables.<name> }}`. Flagger's `{{ ingress }}` and `{{ route }}` (nginx, apisix) fail the check as unknown placeholders, naming the known ones.",
    tests: [
      templates('given a MetricTemplate with every placeholder'),
      templates('given an unknown placeholder, lists the known ones'),
    ],
  },
  {
    kind: 'MetricTemplate',
    field: 'status.conditions',
    verdict: 'not written',
    behaviour:
      'Vane gives MetricTemplates no status: a template that is missing, invalid or does not render fails the metric check of each Canary using it, with the reason.',
    tests: [],
  },

  // AlertProvider: in app-config, where credentials stay with the backend.
  {
    kind: 'AlertProvider',
    field: 'metadata.name',
    config: 'name',
    verdict: 'as in Flagger',
    behaviour: '`analysis.alerts[].providerRef.name` names it.',
    tests: [
      alertProviders(
        'reads the providers, with optional channel, username and severity',
      ),
    ],
  },
  {
    kind: 'AlertProvider',
    field: 'metadata.namespace',
    config: '(none)',
    verdict: 'refused',
    behaviour:
      'Providers belong to the backend, not to a namespace: `analysis.alerts[].providerRef.namespace` is refused.',
    tests: [spec('analysis.alerts[].providerRef.namespace')],
  },
  {
    kind: 'AlertProvider',
    field: 'spec.type',
    config: 'type',
    verdict: 'by value',
    behaviour:
      '`slack`, `msteams`, `discord` (through its Slack-compatible endpoint, as Flagger); Vane adds `generic` (the alert as JSON) and the types of notifier modules. `rocket` and `gchat` are refused at config read (not supported yet).',
    tests: [
      notifiers('slack: text, a danger attachment'),
      notifiers(
        "discord: the Slack body to the webhook's Slack-compatible endpoint",
      ),
      notifiers('msteams: a MessageCard'),
      alertProviders("type: 'gchat'"),
      alertProviders("type: 'rocket'"),
    ],
  },
  {
    kind: 'AlertProvider',
    field: 'spec.channel',
    config: 'channel',
    verdict: 'as in Flagger',
    behaviour:
      'The Slack channel. Refused at config read for msteams, discord and generic, whose messages have none.',
    tests: [
      notifiers('the channel and username when set'),
      alertProviders('channel is not supported by type msteams'),
    ],
  },
  {
    kind: 'AlertProvider',
    field: 'spec.username',
    config: 'username',
    verdict: 'as in Flagger',
    behaviour:
      'The sender name of Slack and Discord messages (default `vane`). Refused at config read for msteams and generic.',
    tests: [
      alertProviders('channel and username for Slack, username for Discord'),
      alertProviders('username is not supported by type generic'),
    ],
  },
  {
    kind: 'AlertProvider',
    field: 'spec.address',
    config: 'url',
    verdict: 'as in Flagger',
    behaviour:
      'The webhook URL, written as `url` (an `address` setting is refused, pointing to `url`); take it from the environment: `url: ${SLACK_WEBHOOK_URL}`.',
    tests: [
      alertProviders('reads the providers'),
      alertProviders("address: 'https://hooks.slack.com/x'"),
    ],
  },
  {
    kind: 'AlertProvider',
    field: 'spec.proxy',
    config: '(none)',
    verdict: 'not yet',
    behaviour:
      'Refused at config read (not supported yet): alerts are posted directly.',
    tests: [alertProviders("proxy: 'http://proxy.test:3128'")],
  },
  {
    kind: 'AlertProvider',
    field: 'spec.secretRef',
    config: '(none)',
    verdict: 'refused',
    behaviour:
      'Refused at config read: the URL is a credential of the backend, taken from its environment (`url: ${...}`), not read from a Secret in the cluster.',
    tests: [alertProviders("secretRef: { name: 'slack-url' }")],
  },
  {
    kind: 'AlertProvider',
    field: '(none)',
    config: 'severity',
    verdict: 'Vane',
    behaviour:
      "Sends every Canary's alerts at this severity or worse to the provider (Flagger's global `-slack-url` and friends).",
    tests: [
      alertProviders(
        'reads the providers, with optional channel, username and severity',
      ),
    ],
  },
  {
    kind: 'AlertProvider',
    field: 'status.conditions',
    config: '(none)',
    verdict: 'not written',
    behaviour:
      'Providers are read once at start: a mistake stops the backend, naming the entry.',
    tests: [],
  },
];
