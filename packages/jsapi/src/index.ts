import { a } from "@yiqi/bridge"; export const b = (): number => a() + 1;
