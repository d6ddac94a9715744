; Kaidan's hooks into Tauri's NSIS installer (bundle.windows.nsis.installerHooks).
;
; The shop's books live in %APPDATA%\cn.kaidan.desktop (kaidan.db and its backups). Tauri's
; uninstaller offers a "delete app data" box that removes exactly that folder. A shop that
; ticks it would lose every order and every yuan, so here the box never deletes anything:
;
; - before the uninstall (PREUNINSTALL, the first thing it does) the box's answer is taken
;   aside and the box cleared, so the template's own deletion never runs, on any path;
; - after it (POSTUNINSTALL: the template has closed Kaidan by then), a ticked box, outside an
;   update, MOVES the data folder to Documents\Kaidan\ and the uninstaller says where it went;
;   if it cannot be moved (a folder of that name already there), it stays where it is and the
;   uninstaller says so. Only the WebView's cache (%LOCALAPPDATA%\cn.kaidan.desktop), which
;   holds no books, is removed.
;
; kaidan-core/tests/installer.rs holds this file to all of the above, compiles it with
; makensis, and checks the pinned Tauri CLI's template still runs the hooks where this assumes.

Var KaidanMoveData

!macro NSIS_HOOK_PREUNINSTALL
  StrCpy $KaidanMoveData $DeleteAppDataCheckboxState
  ; the template deletes $APPDATA\${BUNDLEID} when this is 1: never
  StrCpy $DeleteAppDataCheckboxState 0
!macroend

!macro NSIS_HOOK_POSTUNINSTALL
  ${If} $KaidanMoveData = 1
  ${AndIf} $UpdateMode <> 1
    SetShellVarContext current
    ${If} ${FileExists} "$APPDATA\${BUNDLEID}\*.*"
      ${GetTime} "" "L" $R1 $R2 $R3 $R4 $R5 $R6 $R7
      StrCpy $R8 "$DOCUMENTS\Kaidan\开单数据 Kaidan data $R3-$R2-$R1 $R5$R6$R7"
      CreateDirectory "$DOCUMENTS\Kaidan"
      ClearErrors
      Rename "$APPDATA\${BUNDLEID}" "$R8"
      ${If} ${Errors}
        ${If} $LANGUAGE = 2052
          MessageBox MB_OK|MB_ICONEXCLAMATION "店里的数据没有删除，仍在：$\r$\n$APPDATA\${BUNDLEID}$\r$\n（无法移到“文档\Kaidan”，可以自己复制保存。）" /SD IDOK
        ${Else}
          MessageBox MB_OK|MB_ICONEXCLAMATION "The shop's data was NOT deleted; it is still in:$\r$\n$APPDATA\${BUNDLEID}$\r$\n(It could not be moved to Documents\Kaidan; copy it yourself if you wish.)" /SD IDOK
        ${EndIf}
      ${Else}
        ${If} $LANGUAGE = 2052
          MessageBox MB_OK|MB_ICONINFORMATION "店里的数据（订单、账目和备份）没有删除，已移到：$\r$\n$R8$\r$\n重新安装开单后，可在首页或“设置 → 备份与恢复”中从这里的备份恢复。" /SD IDOK
        ${Else}
          MessageBox MB_OK|MB_ICONINFORMATION "The shop's data (orders, accounts and backups) was not deleted. It was moved to:$\r$\n$R8$\r$\nAfter installing Kaidan again, restore it from a backup there (on the first screen, or Settings → Backups and restore)." /SD IDOK
        ${EndIf}
      ${EndIf}
    ${EndIf}
    ; the WebView's cache holds no books
    RmDir /r "$LOCALAPPDATA\${BUNDLEID}"
  ${EndIf}
!macroend
