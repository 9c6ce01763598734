/** rjsf's own interface strings in Russian (the `translateString` prop). */
import { englishStringTranslator, TranslatableString } from '@rjsf/utils';

const RUSSIAN: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Запись',
  [TranslatableString.EmptyArray]: 'Записей пока нет.',
  [TranslatableString.YesLabel]: 'Да',
  [TranslatableString.NoLabel]: 'Нет',
  [TranslatableString.CloseLabel]: 'Закрыть',
  [TranslatableString.ErrorsLabel]: 'Ошибки',
  [TranslatableString.AddButton]: 'Добавить',
  [TranslatableString.AddItemButton]: 'Добавить запись',
  [TranslatableString.CopyButton]: 'Копировать',
  [TranslatableString.MoveDownButton]: 'Ниже',
  [TranslatableString.MoveUpButton]: 'Выше',
  [TranslatableString.RemoveButton]: 'Удалить',
  [TranslatableString.NowLabel]: 'Сегодня',
  [TranslatableString.ClearLabel]: 'Очистить',
  [TranslatableString.AriaDateLabel]: 'Выберите дату',
  [TranslatableString.PreviewLabel]: 'Просмотр',
  [TranslatableString.DecrementAriaLabel]: 'Уменьшить на 1',
  [TranslatableString.IncrementAriaLabel]: 'Увеличить на 1',
  [TranslatableString.OptionalObjectAdd]: 'Добавить сведения',
  [TranslatableString.OptionalObjectRemove]: 'Убрать сведения',
  [TranslatableString.OptionalObjectEmptyMsg]: 'Сведения не указаны',
  [TranslatableString.ClearButton]: 'очистить поле',
  [TranslatableString.OptionPrefix]: 'Вариант %1',
  [TranslatableString.TitleOptionPrefix]: '%1: вариант %2',
  [TranslatableString.UnsupportedField]: 'Поле этого вида не поддерживается.',
  [TranslatableString.FilesInfo]: '**%1** (%2, %3 байт)',
};

export function russianStrings(key: TranslatableString, params?: string[]): string {
  const text = RUSSIAN[key];
  return text ? englishStringTranslator(text as TranslatableString, params) : englishStringTranslator(key, params);
}
