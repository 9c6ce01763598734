/** The in-app addresses, built in one place so pages never spell them by hand. */
const seg = encodeURIComponent;

export const paths = {
  home: () => '/',
  login: (back?: string) => (back ? `/login?back=${seg(back)}` : '/login'),
  region: (region: string) => `/r/${seg(region)}`,
  apply: (region: string, service: string) => `/r/${seg(region)}/apply/${seg(service)}`,
  inbox: (region: string) => `/r/${seg(region)}/inbox`,
  config: (region: string, service?: string, step?: string) => {
    const q = new URLSearchParams();
    if (service) q.set('service', service);
    if (step) q.set('step', step);
    const text = q.toString();
    return `/r/${seg(region)}/config${text ? `?${text}` : ''}`;
  },
  registry: (region: string) => `/r/${seg(region)}/registry`,
  reports: (region: string) => `/r/${seg(region)}/reports`,
  licence: (region: string, number: string) => `/r/${seg(region)}/registry/${seg(number)}`,
  application: (id: string) => `/applications/${seg(id)}`,
  myApplications: () => '/applications',
  notifications: () => '/notifications',
  document: (id: string) => `/documents/${seg(id)}`,
};
