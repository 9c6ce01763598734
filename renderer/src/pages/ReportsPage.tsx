/**
 * The region's reports for the roles marked `reports: true` (the head, the coordinator, the control
 * role): open and overdue cases by step, overdue cases by holder, time spent in each step against its
 * limit, filings and decisions per month. Each is a chart with its table and a CSV download; every
 * number comes from the server (GET /api/regions/:region/reports), computed from the stored applications.
 */
import { ApiError } from '../api/ApiError.ts';
import { getReports } from '../api/endpoints.ts';
import type { Reports } from '../api/types.ts';
import { Loaded } from '../components/Loaded.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { formatDate } from '../format/dates.ts';
import { ReportChart } from '../reports/ReportChart.tsx';
import { ReportTable } from '../reports/ReportTable.tsx';
import { useSession } from '../session/SessionContext.tsx';
import { useResource } from '../session/useResource.ts';

const ANCHORS: Record<string, string> = { stepStart: 'от начала этапа', registration: 'от регистрации', receipt: 'от поступления' };
const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const monthTitle = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

export function ReportsPage({ region }: { region: string }) {
  const { token } = useSession();
  const reports = useResource(() => (token ? getReports(region, token) : Promise.reject(new ApiError(401, ''))), `${region}@${token ?? ''}`);
  return (
    <>
      <PageTitle text="Отчёты">Отчёты</PageTitle>
      <Loaded resource={reports} what="Расчёт отчётов">
        {(r) => <ReportSections reports={r} />}
      </Loaded>
    </>
  );
}

function ReportSections({ reports: r }: { reports: Reports }) {
  const stepLabel = (x: { serviceTitle: string; stepTitle: string }) => `${x.serviceTitle}: ${x.stepTitle}`;
  return (
    <>
      <p className="lead">Данные на {formatDate(r.today)} Сроки — в рабочих днях по производственному календарю региона.</p>

      <section className="report" aria-labelledby="open-title">
        <h2 id="open-title">Заявления в работе по этапам</h2>
        <ReportChart
          label="Диаграмма: заявления в работе по этапам"
          horizontal
          category="step"
          data={r.openByStep.map((x) => ({ step: stepLabel(x), count: x.count }))}
          series={[{ key: 'count', title: 'Заявлений', color: '#1f5fa8' }]}
        />
        <ReportTable caption="Заявления в работе по этапам" file="zayavleniya-po-etapam" header={['Услуга', 'Этап', 'Заявлений']} rows={r.openByStep.map((x) => [x.serviceTitle, x.stepTitle, x.count])} />
      </section>

      <section className="report" aria-labelledby="overdue-title">
        <h2 id="overdue-title">Просроченные заявления по этапам</h2>
        <ReportChart
          label="Диаграмма: просроченные заявления по этапам"
          horizontal
          category="step"
          data={r.overdueByStep.map((x) => ({ step: stepLabel(x), count: x.count }))}
          series={[{ key: 'count', title: 'Просрочено', color: '#b3261e' }]}
        />
        <ReportTable caption="Просроченные заявления по этапам" file="prosrochennye-po-etapam" header={['Услуга', 'Этап', 'Просрочено']} rows={r.overdueByStep.map((x) => [x.serviceTitle, x.stepTitle, x.count])} />
      </section>

      <section className="report" aria-labelledby="officers-title">
        <h2 id="officers-title">Просроченные заявления по исполнителям</h2>
        <ReportChart
          label="Диаграмма: просроченные заявления по исполнителям"
          horizontal
          category="name"
          data={r.overdueByOfficer.map((x) => ({ name: x.name, count: x.count }))}
          series={[{ key: 'count', title: 'Просрочено', color: '#b3261e' }]}
        />
        <ReportTable caption="Просроченные заявления по исполнителям" file="prosrochennye-po-ispolnitelyam" header={['Исполнитель', 'Просрочено']} rows={r.overdueByOfficer.map((x) => [x.name, x.count])} />
      </section>

      <section className="report" aria-labelledby="times-title">
        <h2 id="times-title">Время на этапах и установленные сроки</h2>
        <p className="muted">По завершённым прохождениям этапа: рабочих дней от дня начала до дня окончания; медиана и 90-й процентиль (ближайший ранг).</p>
        <ReportChart
          label="Диаграмма: время на этапах, медиана и 90-й процентиль, и срок этапа в рабочих днях"
          horizontal
          category="step"
          data={r.stepTimes.map((x) => ({ step: stepLabel(x), median: x.median, p90: x.p90, limit: x.limit ?? 0 }))}
          series={[
            { key: 'median', title: 'Медиана', color: '#1f5fa8' },
            { key: 'p90', title: '90-й процентиль', color: '#7a4fb3' },
            { key: 'limit', title: 'Срок этапа', color: '#9aa5b1' },
          ]}
        />
        <ReportTable
          caption="Время на этапах"
          file="vremya-na-etapah"
          header={['Услуга', 'Этап', 'Прохождений', 'Медиана, раб. дн.', '90-й процентиль, раб. дн.', 'Срок, раб. дн.', 'Срок считается', 'Дольше срока']}
          rows={r.stepTimes.map((x) => [x.serviceTitle, x.stepTitle, x.visits, x.median, x.p90, x.limit, x.limitFrom === null ? null : (ANCHORS[x.limitFrom] ?? `от «${x.limitFrom}»`), x.overLimit])}
        />
      </section>

      <section className="report" aria-labelledby="months-title">
        <h2 id="months-title">Поступило и завершено по месяцам</h2>
        <ReportChart
          label="Диаграмма: поступившие и завершённые заявления по месяцам"
          category="month"
          data={r.perMonth.map((x) => ({ month: monthTitle(x.month), filed: x.filed, decided: x.decided }))}
          series={[
            { key: 'filed', title: 'Поступило', color: '#1f5fa8' },
            { key: 'decided', title: 'Завершено (решение принято или заявление отозвано)', color: '#2e7d32' },
          ]}
        />
        <ReportTable caption="Поступило и завершено по месяцам" file="po-mesyacam" header={['Месяц', 'Поступило', 'Завершено']} rows={r.perMonth.map((x) => [monthTitle(x.month), x.filed, x.decided])} />
      </section>
    </>
  );
}
