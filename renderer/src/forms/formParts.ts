/** The templates and widgets every generated form uses (rjsf `templates` and `widgets` props). */
import type { RegistryWidgetsType, TemplatesType } from '@rjsf/utils';
import { ArrayFieldItemTemplate } from './templates/ArrayFieldItemTemplate.tsx';
import { ArrayFieldTemplate } from './templates/ArrayFieldTemplate.tsx';
import { ErrorListTemplate } from './templates/ErrorListTemplate.tsx';
import { FieldErrorTemplate } from './templates/FieldErrorTemplate.tsx';
import { FieldHelpTemplate } from './templates/FieldHelpTemplate.tsx';
import { FieldTemplate } from './templates/FieldTemplate.tsx';
import { ObjectFieldTemplate } from './templates/ObjectFieldTemplate.tsx';
import { ApplicationWidget } from './widgets/ApplicationWidget.tsx';
import { AttachmentWidget } from './widgets/AttachmentWidget.tsx';
import { DateWidget } from './widgets/DateWidget.tsx';
import { IdentifierWidget } from './widgets/IdentifierWidget.tsx';
import { EXPLAINED_FORMATS } from './identifierProblem.ts';

export const formTemplates: Partial<TemplatesType> = {
  FieldTemplate,
  FieldErrorTemplate,
  FieldHelpTemplate,
  ObjectFieldTemplate,
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ErrorListTemplate,
};

/**
 * Identifier formats get the checking input; file fields (ui:widget "attachments") the upload widget;
 * dates (format "date") the ДД.ММ.ГГГГ input, whatever the browser's language; a field naming another
 * application (ui:widget "application") a choice of them.
 */
export const formWidgets: RegistryWidgetsType = {
  ...Object.fromEntries(EXPLAINED_FORMATS.map((format) => [format, IdentifierWidget])),
  attachments: AttachmentWidget,
  date: DateWidget,
  application: ApplicationWidget,
};
