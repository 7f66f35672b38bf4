import type { Denial } from './entitlements';
import { PLANS } from './plans';

/**
 * What the agent reads on WhatsApp when a listing is refused by the plan, instead of silence.
 * Agents cannot fix billing themselves, so the text says who can.
 */
type Language = 'en' | 'es' | 'pt' | 'ar';

const TEXTS: Record<Language, Record<'over_limit' | 'read_only', (upgrade: string) => string>> = {
  en: {
    over_limit: (u) =>
      `This listing was not created: your agency has reached its plan's listing limit.` +
      (u ? ` Ask an owner to upgrade to ${u} in the dashboard.` : ' Ask an owner to contact us.'),
    read_only: () =>
      `This listing was not created: your agency's subscription payment is overdue. Ask an owner to update billing in the dashboard.`,
  },
  es: {
    over_limit: (u) =>
      `Este anuncio no se creó: su agencia alcanzó el límite de anuncios de su plan.` +
      (u
        ? ` Pida a un propietario que cambie a ${u} en el panel.`
        : ' Pida a un propietario que nos contacte.'),
    read_only: () =>
      `Este anuncio no se creó: el pago de la suscripción de su agencia está vencido. Pida a un propietario que actualice la facturación en el panel.`,
  },
  pt: {
    over_limit: (u) =>
      `Este anúncio não foi criado: a sua agência atingiu o limite de anúncios do plano.` +
      (u
        ? ` Peça a um proprietário para mudar para ${u} no painel.`
        : ' Peça a um proprietário para nos contactar.'),
    read_only: () =>
      `Este anúncio não foi criado: o pagamento da assinatura da sua agência está em atraso. Peça a um proprietário para atualizar a faturação no painel.`,
  },
  ar: {
    over_limit: (u) =>
      `لم يتم إنشاء هذا الإعلان: وصلت وكالتك إلى الحد الأقصى للإعلانات في خطتها.` +
      (u ? ` اطلب من المالك الترقية إلى ${u} من لوحة التحكم.` : ' اطلب من المالك التواصل معنا.'),
    read_only: () =>
      `لم يتم إنشاء هذا الإعلان: دفعة اشتراك وكالتك متأخرة. اطلب من المالك تحديث الفوترة من لوحة التحكم.`,
  },
};

export function planLimitReply(denial: Denial, language: string): string {
  const lang = (['en', 'es', 'pt', 'ar'] as const).find((l) => l === language) ?? 'en';
  const upgrade = denial.upgrade_to ? PLANS[denial.upgrade_to].name : '';
  return TEXTS[lang][denial.reason === 'read_only' ? 'read_only' : 'over_limit'](upgrade);
}
