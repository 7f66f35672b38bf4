import type {
  Language,
  LotSizeUnits,
  PropertySubType,
  PropertyType,
  RentPeriod,
} from '../../../domain/listing';

/**
 * The words the local templates are made of, per language. Nothing here states a fact on its
 * own: every phrase is filled from a field of the structured listing, so the copy can say no
 * more than the listing does (and the grounding check verifies that it does not).
 */

type Words<T extends string> = Record<T, Record<Language, string>>;

export const LOCALES: Record<Language, string> = {
  en: 'en-US',
  es: 'es',
  pt: 'pt-BR',
  // Latin digits: prices are copied into portals and spreadsheets that expect them.
  ar: 'ar-u-nu-latn',
};

export const SUB_TYPE_NOUN: Words<PropertySubType> = {
  Apartment: { en: 'apartment', es: 'apartamento', pt: 'apartamento', ar: 'شقة' },
  Condominium: { en: 'condo', es: 'apartamento', pt: 'apartamento', ar: 'شقة' },
  'Single Family Residence': { en: 'house', es: 'casa', pt: 'casa', ar: 'منزل' },
  Townhouse: { en: 'townhouse', es: 'casa adosada', pt: 'sobrado', ar: 'تاون هاوس' },
  Duplex: { en: 'duplex', es: 'dúplex', pt: 'duplex', ar: 'دوبلكس' },
  Triplex: { en: 'triplex', es: 'tríplex', pt: 'triplex', ar: 'تريبلكس' },
  Quadruplex: { en: 'fourplex', es: 'cuádruplex', pt: 'quadruplex', ar: 'مبنى من أربع وحدات' },
  Cabin: { en: 'cabin', es: 'cabaña', pt: 'chalé', ar: 'كوخ' },
  Farm: { en: 'farm', es: 'finca', pt: 'fazenda', ar: 'مزرعة' },
  'Unimproved Land': { en: 'plot of land', es: 'lote', pt: 'terreno', ar: 'أرض' },
  Office: { en: 'office', es: 'oficina', pt: 'escritório', ar: 'مكتب' },
  Retail: { en: 'retail space', es: 'local comercial', pt: 'loja', ar: 'محل تجاري' },
  Warehouse: { en: 'warehouse', es: 'nave industrial', pt: 'galpão', ar: 'مستودع' },
};

export const TYPE_NOUN: Words<PropertyType> = {
  Residential: { en: 'home', es: 'vivienda', pt: 'imóvel residencial', ar: 'عقار سكني' },
  'Residential Lease': { en: 'home', es: 'vivienda', pt: 'imóvel residencial', ar: 'عقار سكني' },
  Land: { en: 'plot of land', es: 'lote', pt: 'terreno', ar: 'أرض' },
  Farm: { en: 'farm', es: 'finca', pt: 'fazenda', ar: 'مزرعة' },
  'Commercial Sale': {
    en: 'commercial property',
    es: 'inmueble comercial',
    pt: 'imóvel comercial',
    ar: 'عقار تجاري',
  },
  'Commercial Lease': {
    en: 'commercial property',
    es: 'inmueble comercial',
    pt: 'imóvel comercial',
    ar: 'عقار تجاري',
  },
};

export const GENERIC_NOUN: Record<Language, string> = {
  en: 'property',
  es: 'inmueble',
  pt: 'imóvel',
  ar: 'عقار',
};

export const DEAL: Words<'sale' | 'rent'> = {
  sale: { en: 'for sale', es: 'en venta', pt: 'à venda', ar: 'للبيع' },
  rent: { en: 'for rent', es: 'en alquiler', pt: 'para alugar', ar: 'للإيجار' },
};

export const PERIOD: Words<RentPeriod> = {
  daily: { en: 'per day', es: 'al día', pt: 'por dia', ar: 'يوميًا' },
  weekly: { en: 'per week', es: 'a la semana', pt: 'por semana', ar: 'أسبوعيًا' },
  monthly: { en: 'per month', es: 'al mes', pt: 'por mês', ar: 'شهريًا' },
  yearly: { en: 'per year', es: 'al año', pt: 'por ano', ar: 'سنويًا' },
};

export const AREA_UNIT: Words<LotSizeUnits> = {
  sqm: { en: 'm²', es: 'm²', pt: 'm²', ar: 'م²' },
  sqft: { en: 'sq ft', es: 'pies²', pt: 'pés²', ar: 'قدم مربع' },
  acres: { en: 'acres', es: 'acres', pt: 'acres', ar: 'فدان' },
  hectares: { en: 'hectares', es: 'hectáreas', pt: 'hectares', ar: 'هكتار' },
};

/** Names of the canonical feature keys (lib/ai/extraction/amenities.ts). */
export const FEATURE_NAME: Record<string, Record<Language, string>> = {
  pool: { en: 'pool', es: 'piscina', pt: 'piscina', ar: 'مسبح' },
  gym: { en: 'gym', es: 'gimnasio', pt: 'academia', ar: 'نادي رياضي' },
  elevator: { en: 'elevator', es: 'ascensor', pt: 'elevador', ar: 'مصعد' },
  balcony: { en: 'balcony', es: 'balcón', pt: 'varanda', ar: 'شرفة' },
  terrace: { en: 'terrace', es: 'terraza', pt: 'terraço', ar: 'سطح' },
  garden: { en: 'garden', es: 'jardín', pt: 'jardim', ar: 'حديقة' },
  fireplace: { en: 'fireplace', es: 'chimenea', pt: 'lareira', ar: 'مدفأة' },
  air_conditioning: {
    en: 'air conditioning',
    es: 'aire acondicionado',
    pt: 'ar condicionado',
    ar: 'تكييف',
  },
  heating: { en: 'heating', es: 'calefacción', pt: 'aquecimento', ar: 'تدفئة' },
  laundry: { en: 'laundry', es: 'lavandería', pt: 'lavanderia', ar: 'غرفة غسيل' },
  dishwasher: { en: 'dishwasher', es: 'lavavajillas', pt: 'lava-louças', ar: 'غسالة صحون' },
  security: { en: 'security', es: 'seguridad', pt: 'portaria', ar: 'حراسة' },
  storage: { en: 'storage', es: 'depósito', pt: 'depósito', ar: 'مستودع' },
  parking: { en: 'parking', es: 'estacionamiento', pt: 'garagem', ar: 'موقف سيارات' },
  bbq: { en: 'barbecue', es: 'barbacoa', pt: 'churrasqueira', ar: 'منطقة شواء' },
  playground: { en: 'playground', es: 'parque infantil', pt: 'playground', ar: 'ألعاب أطفال' },
  maid_room: {
    en: "maid's room",
    es: 'cuarto de servicio',
    pt: 'dependência de empregada',
    ar: 'غرفة خادمة',
  },
  driver_room: {
    en: "driver's room",
    es: 'cuarto de chofer',
    pt: 'quarto de motorista',
    ar: 'غرفة سائق',
  },
  sea_view: { en: 'sea view', es: 'vista al mar', pt: 'vista para o mar', ar: 'إطلالة على البحر' },
  river_view: {
    en: 'river view',
    es: 'vista al río',
    pt: 'vista para o rio',
    ar: 'إطلالة على النهر',
  },
  lake_view: {
    en: 'lake view',
    es: 'vista al lago',
    pt: 'vista para o lago',
    ar: 'إطلالة على البحيرة',
  },
  city_view: {
    en: 'city view',
    es: 'vista a la ciudad',
    pt: 'vista para a cidade',
    ar: 'إطلالة على المدينة',
  },
  corner_unit: { en: 'corner unit', es: 'esquinero', pt: 'de esquina', ar: 'موقع زاوية' },
};

export const AND: Record<Language, string> = { en: 'and', es: 'y', pt: 'e', ar: 'و' };

export const PHRASES: Words<
  | 'features'
  | 'furnished'
  | 'pets'
  | 'built'
  | 'price'
  | 'rent'
  | 'contact'
  | 'details'
  | 'newListing'
> = {
  features: { en: 'Features', es: 'Características', pt: 'Destaques', ar: 'المزايا' },
  furnished: {
    en: 'It comes furnished.',
    es: 'Se entrega con muebles.',
    pt: 'Entregue com mobília.',
    ar: 'العقار مفروش.',
  },
  pets: {
    en: 'Pets are welcome.',
    es: 'Se aceptan mascotas.',
    pt: 'Aceita pets.',
    ar: 'يسمح بالحيوانات الأليفة.',
  },
  built: { en: 'Built in', es: 'Construido en', pt: 'Construído em', ar: 'سنة البناء' },
  price: { en: 'Price', es: 'Precio', pt: 'Preço', ar: 'السعر' },
  rent: { en: 'Rent', es: 'Alquiler', pt: 'Aluguel', ar: 'الإيجار' },
  contact: {
    en: 'Contact us to arrange a viewing.',
    es: 'Contáctenos para agendar una visita.',
    pt: 'Fale conosco para agendar uma visita.',
    ar: 'تواصل معنا لترتيب موعد للمعاينة.',
  },
  details: { en: 'Details', es: 'Detalles', pt: 'Detalhes', ar: 'التفاصيل' },
  newListing: { en: 'New listing', es: 'Nuevo inmueble', pt: 'Novo imóvel', ar: 'عقار جديد' },
};

export const HASHTAGS: Record<Language, { base: string; sale: string; rent: string }> = {
  en: { base: '#realestate', sale: '#forsale', rent: '#forrent' },
  es: { base: '#inmobiliaria', sale: '#enventa', rent: '#enalquiler' },
  pt: { base: '#imoveis', sale: '#avenda', rent: '#paraalugar' },
  ar: { base: '#عقارات', sale: '#للبيع', rent: '#للإيجار' },
};
