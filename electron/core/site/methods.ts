import { siteApi } from '../../../shared/site/api'
import { implement } from '../methods'
import { createSite, getSite, setupStatus, updateSite } from './service'

export const siteMethods = implement(siteApi, {
  'setup.status': (_i, ctx) => setupStatus(ctx),
  'setup.create': (i, ctx) => createSite(ctx, i),
  'site.get': (_i, ctx) => getSite(ctx),
  'site.update': (i, ctx) => updateSite(ctx, i),
})
