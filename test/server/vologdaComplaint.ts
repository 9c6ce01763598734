/** A complaint (section V, 5.9) on one of the complainant's own applications, valid as regions/vologda/forms/complaint.yaml defines it. */
export const complaintSubmission = (application: string, over: Record<string, unknown> = {}) => ({
  authority: { authority: 'department', official: 'Иванов Иван Иванович' },
  complainant: { kind: 'legalEntity', name: 'ООО «Вологдавторчермет»', address: 'г. Вологда, ул. Мира, д. 1', byRepresentative: false, interaction: 'personalAccount', decisionDelivery: 'personalAccount' },
  subject: { application, kind: 'action', description: 'Заявление зарегистрировано на третий день после поступления', learnedOn: '2025-02-28' },
  arguments: { text: 'Пункт 2.12 требует регистрации в день поступления' },
  demands: { text: 'Признать действия должностного лица нарушающими регламент' },
  restoration: { requested: false },
  ...over,
});
