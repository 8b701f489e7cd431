import { useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query'
import { App } from 'antd'
import type { FormInstance } from 'antd'
import type { In, MethodName, Out } from '../../../shared/api'
import { call, DeskCallError } from './transport'

export function useDesk<M extends MethodName>(method: M, input: In<M>, opts?: Partial<UseQueryOptions<Out<M>, DeskCallError>>) {
  return useQuery<Out<M>, DeskCallError>({ queryKey: [method, input], queryFn: () => call(method, input), ...opts })
}

/**
 * A write: on success every query is refreshed (the desk's data is small and the clerk must see
 * what was saved); on error the message is shown and, when the core names a field, put on it.
 */
export function useDeskMutation<M extends MethodName>(method: M, opts?: { form?: FormInstance; success?: string; onSuccess?: (v: Out<M>) => void }) {
  const qc = useQueryClient()
  const { message } = App.useApp()
  return useMutation<Out<M>, DeskCallError, In<M>>({
    mutationFn: (input) => call(method, input),
    onSuccess: (v) => {
      void qc.invalidateQueries()
      if (opts?.success) void message.success(opts.success)
      opts?.onSuccess?.(v)
    },
    onError: (e) => {
      // Put the message on the deepest form field the core named ('fields.items.0.name' → that row).
      const path = e.field?.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) ?? []
      for (let n = path.length; opts?.form && n > 0; n--) {
        const name = path.slice(0, n)
        if (opts.form.getFieldInstance(name) !== undefined) {
          opts.form.setFields([{ name, errors: [e.message] }])
          break
        }
      }
      void message.error(e.message)
    },
  })
}
