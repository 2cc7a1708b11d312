import type { MeshRouterFactory } from '@vane/plugin-canary-node';
import { appMeshMesh } from './appmesh/appMeshMesh';
import { consulMesh } from './consul/consulMesh';
import { contourMesh } from './contour/contourMesh';
import { gatewayApiMesh } from './gatewayapi/gatewayApiMesh';
import { glooMesh } from './gloo/glooMesh';
import { istioMesh } from './istio/istioMesh';
import { kubernetesMesh } from './kubernetes/kubernetesMesh';
import { kumaMesh } from './kuma/kumaMesh';
import { nginxMesh } from './nginx/nginxMesh';
import { smiMesh } from './smi/smiMesh';
import { traefikMesh } from './traefik/traefikMesh';

/**
 * The meshes the canary backend ships with, one folder each (its router, what it refuses, its
 * discovery rule and its telemetry), in the order discovery prefers them: Istio's own API is
 * richer than Gateway API on an Istio cluster, and a cluster with Gateway API CRDs rarely wants
 * TrafficSplits; Consul's config entries before Gateway API too, whose CRDs consul-k8s installs
 * for its API gateway. `kubernetes` works everywhere and stays last. Adding a mesh is one folder and
 * one line here (or a module through createMeshRouterModule).
 */
export const BUILTIN_MESHES: readonly MeshRouterFactory[] = [
  istioMesh,
  consulMesh,
  gatewayApiMesh,
  smiMesh,
  glooMesh,
  traefikMesh,
  appMeshMesh,
  kumaMesh,
  contourMesh,
  nginxMesh,
  kubernetesMesh,
];
