/**
 * The mesh lab: a real Kubernetes control plane and Prometheus on one machine, with a
 * simulated kubelet and mesh data plane, for Vane's tests and demo.
 *
 * @packageDocumentation
 */
export { startLab } from './lab/startLab';
export type { Lab, LabOptions, LabLoad, LabClusterConfig, LabProcessName } from './lab/Lab';
export { clusterConfigOf } from './lab/clusterConfigOf';
export { prepareControlPlane } from './controlplane/prepareControlPlane';
export type { ControlPlaneBinaries, PrepareOptions } from './controlplane/prepareControlPlane';
export { waitFor } from './controlplane/waitFor';
export { findFreePort } from './controlplane/findFreePort';
export { queryPrometheus } from './prometheus/queryPrometheus';
export type { PrometheusSample } from './prometheus/queryPrometheus';
export { CRASH_ANNOTATION } from './kubelet/SimulatedKubelet';
export { ERROR_RATE_ANNOTATION, LATENCY_ANNOTATION } from './dataplane/simulateResponse';
export { parseHeyCommand } from './load/parseHeyCommand';
export type { FlaggerWebhookPayload } from './load/parseWebhookPayload';
export type { LoadTesterCall } from './load/LoadTesterServer';
export { podinfoObjects } from './fixtures/podinfoObjects';
export { LAB_GATEWAYS } from './fixtures/labGatewayObjects';
export type { GatewayEntrance } from './dataplane/GatewayEntrance';
export type { TrafficBatch, BatchResult } from './dataplane/MeshDataPlane';
export type { PodinfoOptions } from './fixtures/podinfoObjects';
export { applyObjects, parseManifests } from './cluster/applyObjects';
export type { InClusterService } from './cluster/serveInCluster';
export type { PrometheusWebOptions } from './prometheus/startPrometheus';
export type { LoadStatus } from './load/LoadGenerator';
export { startPostgres } from './postgres/startPostgres';
export type { LocalPostgres } from './postgres/startPostgres';
