/** Parts of the Vologda grant form (Appendix 1) that more than one browser test fills in. */
import type { Page } from 'playwright-core';

/**
 * Appendix 1 §§5 and 6 may not be filed empty: adds a site and a building held «на ином законном
 * основании» at the same address, each with its document, which `attach` puts into the file field
 * (by its element id) as the test needs it.
 */
export async function addLeasedSiteAndBuilding(page: Page, attach: (fieldId: string, section: 'land' | 'buildings') => Promise<void>): Promise<void> {
  for (const [section, title, kind] of [
    ['land', 'Земельные участки, права на которые не зарегистрированы в ЕГРН', null],
    ['buildings', 'Здания, строения, сооружения и помещения, права на которые не зарегистрированы в ЕГРН', 'Здание'],
  ] as const) {
    await page.getByRole('button', { name: `Добавить запись: ${title}` }).click();
    if (kind) await page.locator(`#application_${section}_unregistered_0_objectKind`).selectOption({ label: kind });
    await page.locator(`#application_${section}_unregistered_0_address`).fill('г. Вологда, ул. Промышленная, д. 5');
    await page.locator(`#application_${section}_unregistered_0_right`).selectOption({ label: 'Иное законное основание' });
    await attach(`application_${section}_unregistered_0_rightDocuments`, section);
  }
}
