// The developer's setup steps for sdk-on-click.html (`yiqi certify URL --setup FILE`): run in
// each participant's app frame before the flow, and in every instance opened later (a join, a
// rejoin, a reload). `frame` is a Playwright Frame; `participantId` is p1..pN.
export default async function setup(frame, { participantId }) {
  await frame.click("#menu-collaborate", { timeout: 5000 });
  if (participantId === undefined) throw new Error("setup: no participant id");
}
