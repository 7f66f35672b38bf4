import type { Language } from '../../domain/listing';
import type { RoomTag } from './measure';

/** A plain caption per room tag, for when a provider gives the tag but no words of its own. */
export const ROOM_CAPTIONS: Record<RoomTag, Record<Language, string>> = {
  exterior: { en: 'Exterior', es: 'Exterior', pt: 'Fachada', ar: 'الواجهة الخارجية' },
  living_room: { en: 'Living room', es: 'Sala de estar', pt: 'Sala de estar', ar: 'غرفة المعيشة' },
  kitchen: { en: 'Kitchen', es: 'Cocina', pt: 'Cozinha', ar: 'المطبخ' },
  dining_room: { en: 'Dining room', es: 'Comedor', pt: 'Sala de jantar', ar: 'غرفة الطعام' },
  bedroom: { en: 'Bedroom', es: 'Dormitorio', pt: 'Quarto', ar: 'غرفة النوم' },
  bathroom: { en: 'Bathroom', es: 'Baño', pt: 'Banheiro', ar: 'الحمام' },
  balcony: { en: 'Balcony', es: 'Balcón', pt: 'Varanda', ar: 'الشرفة' },
  garden: { en: 'Garden', es: 'Jardín', pt: 'Jardim', ar: 'الحديقة' },
  pool: { en: 'Pool', es: 'Piscina', pt: 'Piscina', ar: 'المسبح' },
  view: { en: 'View', es: 'Vista', pt: 'Vista', ar: 'الإطلالة' },
  floor_plan: { en: 'Floor plan', es: 'Plano', pt: 'Planta', ar: 'المخطط' },
  other: { en: 'Photo', es: 'Foto', pt: 'Foto', ar: 'صورة' },
};
