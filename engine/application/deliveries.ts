import type { RegionConfig } from '../../config/types/RegionConfig.ts';
import type { ApplicationRecord, DeliveryRecord, NotificationRecord, StoredDocument } from '../api.ts';
import { valueAtPath } from '../registry/valueAtPath.ts';
import { evaluateRule } from '../rules/evaluateRule.ts';

/** The channel every service has when its YAML names none: the applicant's account. */
const DEFAULT_CHANNELS: readonly { readonly channel: 'account'; readonly when?: string; readonly to?: string }[] = [{ channel: 'account' }];

/** Whether a document is to be delivered to the applicant: a result of the service, or rendered with notify: true. */
export function isDelivered(region: RegionConfig, serviceId: string, templateId: string, notify: boolean | undefined): boolean {
  return notify === true || (region.services[serviceId]?.results ?? []).some((r) => r.template === templateId);
}

/**
 * What tells the applicant about the documents a step delivers, through each of the service's delivery
 * channels (services/<id>.yaml `delivery`) whose condition holds for the application: a notification
 * in their account, an e-mail in the outbox (the address read from the application; none without
 * one), a paper copy for staff to send. One message per channel for all the step's documents.
 */
export function deliveriesFor(
  region: RegionConfig,
  app: ApplicationRecord,
  documents: readonly StoredDocument[],
  env: { readonly newId: () => string; readonly now: Date },
): { readonly notifications: NotificationRecord[]; readonly deliveries: DeliveryRecord[] } {
  if (documents.length === 0) return { notifications: [], deliveries: [] };
  const service = region.services[app.service];
  const source = { submission: app.submission, data: app.data };
  const channels = (service?.delivery?.channels ?? DEFAULT_CHANNELS).filter((c) => c.when === undefined || evaluateRule(region, c.when, source));
  const at = env.now.toISOString();
  const titles = documents.map((d) => d.title);
  const subject = `Заявление № ${app.number}: ${titles[0]}${titles.length > 1 ? ` и ещё ${titles.length - 1}` : ''}`;
  const serviceTitle = service?.title ?? app.service;
  const documentIds = documents.map((d) => d.id);
  const notifications: NotificationRecord[] = [];
  const deliveries: DeliveryRecord[] = [];
  for (const channel of channels) {
    if (channel.channel === 'account') {
      notifications.push({
        id: env.newId(),
        userId: app.applicantId,
        region: app.region,
        applicationId: app.id,
        number: app.number,
        title: titles.join('; '),
        text: `По заявлению № ${app.number} («${serviceTitle}») ${titles.length > 1 ? 'направлены документы' : 'направлен документ'}: ${titles.map((t) => `«${t}»`).join(', ')}.`,
        documentIds,
        createdAt: at,
        read: false,
      });
      continue;
    }
    const to = channel.to === undefined ? undefined : valueAtPath(source, channel.to);
    const address = typeof to === 'string' && to.trim() !== '' ? to.trim() : null;
    if (channel.channel === 'email' && address === null) continue; // no address to write to
    deliveries.push({
      id: env.newId(),
      region: app.region,
      applicationId: app.id,
      number: app.number,
      channel: channel.channel,
      to: address,
      subject,
      text:
        channel.channel === 'email'
          ? `Здравствуйте!\n\nПо заявлению № ${app.number} («${serviceTitle}») ${region.region.authority.title} ${titles.length > 1 ? 'направляет документы' : 'направляет документ'}: ${titles.map((t) => `«${t}»`).join(', ')}. ${titles.length > 1 ? 'Документы приложены' : 'Документ приложен'} к письму и ${titles.length > 1 ? 'доступны' : 'доступен'} в личном кабинете.\n\nЭто письмо отправлено автоматически, отвечать на него не нужно.`
          : `Направить заявителю на бумажном носителе: ${titles.map((t) => `«${t}»`).join(', ')}${address ? ` — по адресу: ${address}` : ' — выдать лично'}.`,
      documentIds,
      createdAt: at,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: at,
      lastError: null,
      finishedAt: null,
      finishedBy: null,
    });
  }
  return { notifications, deliveries };
}
