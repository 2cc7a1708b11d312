import { Link } from '@backstage/core-components';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import InfoOutlinedIcon from '@material-ui/icons/InfoOutlined';

/** Where Flagger documents its manual gates. */
const FLAGGER_GATES_URL =
  'https://docs.flagger.app/usage/webhooks#manual-gating';

/**
 * Why a Flagger Canary offers no Promote, Abort or Retry: Flagger has no API for them. Its
 * manual gating webhooks hold, promote or roll back a Canary; the portal can only suspend it.
 */
export function FlaggerGatesNote() {
  return (
    <Tooltip
      interactive
      title={
        <>
          Flagger has no API to promote, abort or retry a Canary: the portal can
          only suspend and resume it (spec.suspend). Promote, hold or roll it
          back through Flagger&apos;s manual gating webhooks (confirm-rollout,
          confirm-promotion, rollback; e.g. flagger-loadtester&apos;s /gate/open
          and /rollback/open):{' '}
          <Link to={FLAGGER_GATES_URL}>{FLAGGER_GATES_URL}</Link>
        </>
      }
    >
      <Typography
        variant="caption"
        color="textSecondary"
        data-testid="flagger-gates-note"
        style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
      >
        <InfoOutlinedIcon fontSize="inherit" />
        Promote, abort, retry: through Flagger&apos;s gates
      </Typography>
    </Tooltip>
  );
}
