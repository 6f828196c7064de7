// How the window is drawn for the room: zoom for the whole app (remembered on this computer) and
// projector mode for the lägesbild on the wall.
import { clampZoom, zoomStep } from './zoom';

function storedZoom(): number {
  try {
    return clampZoom(localStorage.getItem('zoom') ?? 1);
  } catch {
    return 1;
  }
}

export const display = $state({ zoom: storedZoom(), projector: false });

export function setZoom(z: number): void {
  display.zoom = clampZoom(z);
  try {
    localStorage.setItem('zoom', String(display.zoom));
  } catch {
    // Private mode or no storage: the zoom lasts for this session only.
  }
}

export const zoomIn = () => setZoom(zoomStep(display.zoom, 1));
export const zoomOut = () => setZoom(zoomStep(display.zoom, -1));
export const zoomReset = () => setZoom(1);

export function toggleProjector(): void {
  display.projector = !display.projector;
}
