// "Home › Integration Hub › Order webhook", as the POS back office shows where you are.
import { HREF } from '../router.tsx';

export interface Crumb {
  label: string;
  to?: keyof typeof HREF;
}

export function Breadcrumbs({ trail }: { trail: Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {trail.map((crumb, index) => (
          <li key={crumb.label}>
            {crumb.to && index < trail.length - 1 ? <a href={HREF[crumb.to]}>{crumb.label}</a> : <span aria-current="page">{crumb.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
