/** The shift every layer draws through: the configured tiles' coordinate system (coords.ts). */
import { useServices } from '../services.tsx';
import { mapShift, type MapShift } from './coords.ts';

export const useShift = (): MapShift => mapShift(useServices().config.tileCrs);
