import { Content, EmptyState, Header, Page } from '@backstage/core-components';

/** Every rollout of the entities a team owns, on one page. */
export function ReleasesPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Releases"
        subtitle="Progressive delivery across your team's services"
      />
      <Content>
        <EmptyState
          missing="data"
          title="No releases to show"
          description="Rollouts of your team's services appear here as soon as one of their Canaries starts a release."
        />
      </Content>
    </Page>
  );
}
