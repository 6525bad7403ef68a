import { LIBRARY_SORTS, type LibrarySort } from '../../../shared/types'
import { useAppStore } from '../store/store-context'
import { SORT_LABELS, orderLabel } from './format'

/** The order of the list: a field, and which way round. */
export function SortControl() {
  const sort = useAppStore((s) => s.sort)
  const order = useAppStore((s) => s.order)
  const setSort = useAppStore((s) => s.setSort)
  const setOrder = useAppStore((s) => s.setOrder)
  return (
    <div className="sort-control">
      <label>
        Sort by{' '}
        <select
          value={sort}
          onChange={(event) => void setSort(event.target.value as LibrarySort)}
          data-testid="sort-select"
        >
          {LIBRARY_SORTS.map((s) => (
            <option key={s} value={s}>
              {SORT_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        aria-label={`Order: ${orderLabel(sort, order)}`}
        title="Reverse the order"
        onClick={() => void setOrder(order === 'desc' ? 'asc' : 'desc')}
        data-testid="sort-order"
      >
        {order === 'desc' ? '↓' : '↑'} {orderLabel(sort, order)}
      </button>
    </div>
  )
}
