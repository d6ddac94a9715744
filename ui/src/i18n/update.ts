// Kaidan updating itself: the offer of a new version, the steps, the restart.

export const zh = {
  updates_title: "软件更新",
  update_version_now: "现在的版本：{version}",
  update_check: "检查更新",
  update_latest: "已是最新版本（{version}）",
  update_available: "开单有新版本 {version} 可以安装（现在是 {current}）",
  update_published: "发布于 {at}",
  update_see: "查看并安装",
  update_later: "以后再说",
  update_steps: "安装时开单会：① 下载新版本并核对它的签名，签名不对就丢弃；② 备份店铺数据（放在数据文件旁的 backups 文件夹）；③ 安装并重新启动。大约一两分钟，这期间不能开单。",
  update_go: "下载并安装",
  update_close: "关闭",
  update_downloading: "正在下载：{done} / {total} MB",
  update_cancel: "停止下载",
  update_cancelled: "已停止下载，什么都没有安装",
  update_installing: "签名核对无误。正在备份店铺数据并安装……",
  update_restarting: "更新前的备份已做好：{file}。开单正在重新启动到 {version}……",
} as const;

export const en: Record<keyof typeof zh, string> = {
  updates_title: "Updates",
  update_version_now: "This version: {version}",
  update_check: "Check for updates",
  update_latest: "Kaidan is up to date ({version})",
  update_available: "A new version of Kaidan, {version}, is ready to install (this is {current})",
  update_published: "published {at}",
  update_see: "See and install",
  update_later: "Later",
  update_steps: "To install it, Kaidan will: 1. download the new version and check its signature, throwing it away if the signature is wrong; 2. back up the shop's data (in the backups folder beside the data file); 3. install it and restart. It takes a minute or two, during which no orders can be taken.",
  update_go: "Download and install",
  update_close: "Close",
  update_downloading: "Downloading: {done} / {total} MB",
  update_cancel: "Stop the download",
  update_cancelled: "Download stopped; nothing was installed",
  update_installing: "The signature is right. Backing up the shop's data and installing…",
  update_restarting: "The backup before the update is made: {file}. Kaidan is restarting into {version}…",
};
