; The kiosk's Windows installer (Inno Setup 6), made from the folder `python -m tools.freeze`
; builds on Windows (docs/operations.md, "Windows"):
;
;   python -m tools.freeze
;   iscc /DAppVersion=0.1.0 packaging\windows\kiosk.iss
;
; writes dist\kiosk-setup-0.1.0.exe (add /DSign and /Ssigntool=... to sign the installer and its
; uninstaller as well). It installs the folder under Program Files, adds a Start menu folder for
; staff, and can start the kiosk when the kiosk's account logs in (a scheduled task).
; Uninstalling removes the program and the task, and keeps the kiosk's settings, published versions,
; visitor events and logs (in the kiosk account's %LOCALAPPDATA%\kiosk) unless asked to remove them.
;
; Unattended: kiosk-setup-0.1.0.exe /VERYSILENT /TASKS=autostart /KIOSKUSER=kiosk
;             "C:\Program Files\Kiosk\unins000.exe" /VERYSILENT [/REMOVEDATA=yes]

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\kiosk"
#endif
#define TaskName "Kiosk"

[Setup]
; Never change: Windows knows the installed kiosk by it, for upgrades and uninstalling.
AppId={{6C1E3A52-9B7D-4F0E-A8D3-2F5B7C9E1D40}
AppName=Kiosk
AppVersion={#AppVersion}
AppPublisher=Kiosk
DefaultDirName={autopf}\Kiosk
DefaultGroupName=Kiosk
DisableProgramGroupPage=yes
PrivilegesRequired=admin
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\..\dist
OutputBaseFilename=kiosk-setup-{#AppVersion}
Compression=lzma2/max
SolidCompression=yes
UninstallDisplayIcon={app}\kiosk.exe
UninstallDisplayName=Kiosk {#AppVersion}
; A running kiosk holds its files open: an upgrade stops it first (it is restarted by the task, or
; at the next log-on).
CloseApplications=force
RestartApplications=no
SetupLogging=yes
WizardStyle=modern
#ifdef Sign
; iscc /DSign /Ssigntool="signtool.exe sign /fd SHA256 /tr http://timestamp.digicert.com /td SHA256 /a $f" ...
SignTool=signtool
SignedUninstaller=yes
#endif

[Tasks]
Name: autostart; Description: "Start the kiosk when the kiosk's Windows account logs in"; Flags: unchecked

[Files]
; The whole folder; an upgrade replaces it, files of the old version that the new one lacks go.
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{group}\Kiosk"; Filename: "{app}\kiosk-session.exe"; Parameters: "supervise"; WorkingDir: "{app}"
Name: "{group}\Kiosk in a window (for staff)"; Filename: "{app}\kiosk-session.exe"; Parameters: "run --windowed"; WorkingDir: "{app}"
Name: "{group}\Check this installation"; Filename: "{cmd}"; Parameters: "/k ""{app}\kiosk.exe"" check-install"; WorkingDir: "{app}"
Name: "{group}\Kiosk command prompt"; Filename: "{cmd}"; Parameters: "/k set ""PATH={app};%PATH%"" && kiosk --help"; WorkingDir: "{app}"
Name: "{group}\Uninstall Kiosk"; Filename: "{uninstallexe}"

[Run]
; After an upgrade, the kiosk closed for it starts again, if its account is logged on.
Filename: "{sys}\schtasks.exe"; Parameters: "/Run /TN ""{#TaskName}"""; Flags: runhidden; Tasks: autostart
Filename: "{app}\kiosk.exe"; Parameters: "check-install"; Description: "Check the installation now (shows the exhibit for a few seconds)"; Flags: postinstall unchecked

[UninstallRun]
Filename: "{sys}\schtasks.exe"; Parameters: "/Delete /TN ""{#TaskName}"" /F"; Flags: runhidden; RunOnceId: "DeleteKioskTask"

[Registry]
; Remembered for the uninstaller, which may be asked to remove that account's kiosk data.
Root: HKLM; Subkey: "Software\Kiosk"; ValueType: string; ValueName: "KioskUser"; ValueData: "{code:KioskUser}"; Flags: uninsdeletekey; Tasks: autostart

[Code]
var
  KioskUserPage: TInputQueryWizardPage;

procedure InitializeWizard;
begin
  KioskUserPage := CreateInputQueryPage(wpSelectTasks, 'The kiosk''s account',
    'Which Windows account shows the kiosk?',
    'The kiosk starts when this account logs in. Make it a standard (not administrator) account ' +
    'that logs in automatically: see "Windows" in the kiosk''s operations guide.');
  KioskUserPage.Add('Account name:', False);
  KioskUserPage.Values[0] := ExpandConstant('{param:KIOSKUSER|kiosk}');
end;

function ShouldSkipPage(PageID: Integer): Boolean;
begin
  Result := (PageID = KioskUserPage.ID) and not WizardIsTaskSelected('autostart');
end;

function KioskUser(Param: String): String;
begin
  Result := Trim(KioskUserPage.Values[0]);
end;

function NextButtonClick(CurPageID: Integer): Boolean;
begin
  Result := True;
  if (CurPageID = KioskUserPage.ID) and (KioskUser('') = '') then
  begin
    MsgBox('Give the name of the account that shows the kiosk.', mbError, MB_OK);
    Result := False;
  end;
end;

function XmlEscape(Text: String): String;
begin
  Result := Text;
  StringChangeEx(Result, '&', '&amp;', True);
  StringChangeEx(Result, '<', '&lt;', True);
  StringChangeEx(Result, '>', '&gt;', True);
end;

// The task: at the account's log-on, the supervisor without a console window; never stopped for
// running long (the default stops it after 3 days), restarted every minute should it fail.
procedure CreateAutostartTask;
var
  Xml, XmlFile: String;
  Lines: TArrayOfString;
  ResultCode: Integer;
begin
  Xml :=
    '<?xml version="1.0" encoding="UTF-8"?>' + #13#10 +
    '<Task version="1.3" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">' +
    '<RegistrationInfo><Description>Runs the museum kiosk when its account logs in.</Description></RegistrationInfo>' +
    '<Triggers><LogonTrigger><Enabled>true</Enabled><UserId>' + XmlEscape(KioskUser('')) + '</UserId></LogonTrigger></Triggers>' +
    '<Principals><Principal id="Kiosk"><UserId>' + XmlEscape(KioskUser('')) + '</UserId>' +
    '<LogonType>InteractiveToken</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal></Principals>' +
    '<Settings><MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>' +
    '<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries><StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>' +
    '<ExecutionTimeLimit>PT0S</ExecutionTimeLimit><Priority>4</Priority>' +
    '<RestartOnFailure><Interval>PT1M</Interval><Count>999</Count></RestartOnFailure></Settings>' +
    '<Actions Context="Kiosk"><Exec><Command>' + XmlEscape(ExpandConstant('{app}\kiosk-session.exe')) + '</Command>' +
    '<Arguments>supervise</Arguments><WorkingDirectory>' + XmlEscape(ExpandConstant('{app}')) + '</WorkingDirectory></Exec></Actions>' +
    '</Task>';
  XmlFile := ExpandConstant('{tmp}\kiosk-task.xml');
  SetArrayLength(Lines, 1);
  Lines[0] := Xml;
  // UTF-8, as the XML says: an account's name may be in any script.
  if not SaveStringsToUTF8File(XmlFile, Lines, False) then
    RaiseException('The scheduled task could not be written to ' + XmlFile);
  if not Exec(ExpandConstant('{sys}\schtasks.exe'), '/Create /TN "{#TaskName}" /XML "' + XmlFile + '" /F', '',
              SW_HIDE, ewWaitUntilTerminated, ResultCode) or (ResultCode <> 0) then
    MsgBox('The scheduled task that starts the kiosk could not be made (schtasks exit status ' +
           IntToStr(ResultCode) + '). Is "' + KioskUser('') + '" an account of this computer? ' +
           'Make the task by hand as the operations guide says.', mbError, MB_OK);
end;

procedure CurStepChanged(CurStep: TSetupStep);
begin
  if (CurStep = ssPostInstall) and WizardIsTaskSelected('autostart') then
    CreateAutostartTask;
end;

// The kiosk's data: settings, published versions, visitor events, logs and caches, in the
// %LOCALAPPDATA%\kiosk of the account that ran it. Kept unless asked: /REMOVEDATA=yes, or Yes to
// the question.
procedure RemoveKioskData(Folder: String);
begin
  if DirExists(Folder) and not DelTree(Folder, True, True, True) then
    MsgBox('Could not remove ' + Folder + '; remove it by hand.', mbError, MB_OK);
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
var
  Account, Asked: String;
  Remove: Boolean;
begin
  if CurUninstallStep <> usUninstall then
    exit;
  Asked := ExpandConstant('{param:REMOVEDATA|}');
  if UninstallSilent then
    Remove := CompareText(Asked, 'yes') = 0
  else
    Remove := MsgBox('Also remove the kiosk''s data: its settings, staff PIN, published versions of ' +
                     'the exhibit, visitor events and logs? Choose No to keep them for a later ' +
                     'installation.', mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  if not Remove then
    exit;
  if RegQueryStringValue(HKLM, 'Software\Kiosk', 'KioskUser', Account) and (Account <> '') then
    RemoveKioskData(ExpandConstant('{%SystemDrive|C:}') + '\Users\' + Account + '\AppData\Local\kiosk');
  RemoveKioskData(ExpandConstant('{localappdata}\kiosk'));
end;
