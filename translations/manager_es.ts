<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>CardsModel</name>
    <message>
        <location filename="../kiosk/ui/manager/cards_model.py" line="31" />
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_model.py" line="32" />
        <source>Face</source>
        <translation>Cara</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_model.py" line="33" />
        <source>Visitor</source>
        <translation>Visitante</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_model.py" line="35" />
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_model.py" line="34" />
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_model.py" line="148" />
        <source>Answered</source>
        <translation>Respondido</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_model.py" line="149" />
        <source>Waiting</source>
        <translation>En espera</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <location filename="../kiosk/ui/manager/cards_page.py" line="141" />
        <source>Cards shown: {count}</source>
        <translation>Tarjetas mostradas: {count}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_page.py" line="144" />
        <source>The day's cards</source>
        <translation>Tarjetas del día</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_page.py" line="145" />
        <source>Has a comment</source>
        <translation>Con comentario</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_page.py" line="146" />
        <source>Wants follow-up</source>
        <translation>Pide seguimiento</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_page.py" line="147" />
        <source>All faces</source>
        <translation>Todas las caras</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_page.py" line="149" />
        <source>Did not say</source>
        <translation>No lo dijo</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/cards_page.py" line="150" />
        <source>All visitors</source>
        <translation>Todos los visitantes</translation>
    </message>
</context>
<context>
    <name>DayPicker</name>
    <message>
        <location filename="../kiosk/ui/manager/widgets.py" line="77" />
        <source>Previous day</source>
        <translation>Día anterior</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/widgets.py" line="78" />
        <source>Next day</source>
        <translation>Día siguiente</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/widgets.py" line="82" />
        <source>Today, {date}</source>
        <translation>Hoy, {date}</translation>
    </message>
</context>
<context>
    <name>DayReport</name>
    <message>
        <location filename="../kiosk/ui/manager/report_pdf.py" line="46" />
        <source>Visitor feedback</source>
        <translation>Opiniones de visitantes</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/report_pdf.py" line="113" />
        <source>Visitor feedback: {date}</source>
        <translation>Opiniones de visitantes: {date}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/report_pdf.py" line="123" />
        <source>Cards: {cards} · average face {average} of 5 · happy: {positive}</source>
        <translation>Tarjetas: {cards} · cara promedio {average} de 5 · contentos: {positive}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/report_pdf.py" line="134" />
        <source>Went well</source>
        <translation>Salió bien</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/report_pdf.py" line="136" />
        <source>Could be better</source>
        <translation>Podría mejorar</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/report_pdf.py" line="152" />
        <source>Comments ({count})</source>
        <translation>Comentarios ({count})</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/report_pdf.py" line="175" />
        <source>More in the manager area: {count}</source>
        <translation>Más en el área de gestión: {count}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/report_pdf.py" line="165" />
        <source>No comments.</source>
        <translation>Sin comentarios.</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/report_pdf.py" line="183" />
        <source>Open follow-ups ({count})</source>
        <translation>Seguimientos pendientes ({count})</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/report_pdf.py" line="193" />
        <source>{time}  {name}, {contact}: answer by {due}</source>
        <translation>{time}  {name}, {contact}: responder antes de {due}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/report_pdf.py" line="204" />
        <source>None open.</source>
        <translation>Ninguno pendiente.</translation>
    </message>
</context>
<context>
    <name>Faces</name>
    <message>
        <location filename="../kiosk/ui/manager/faces.py" line="15" />
        <source>Very unhappy</source>
        <translation>Muy descontento</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/faces.py" line="16" />
        <source>Unhappy</source>
        <translation>Descontento</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/faces.py" line="17" />
        <source>Okay</source>
        <translation>Regular</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/faces.py" line="18" />
        <source>Happy</source>
        <translation>Contento</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/faces.py" line="19" />
        <source>Very happy</source>
        <translation>Muy contento</translation>
    </message>
</context>
<context>
    <name>FollowUpItem</name>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="34" />
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="36" />
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="113" />
        <source>Error: write who answered.</source>
        <translation>Error: escriba quién respondió.</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="124" />
        <source>Overdue by {time}</source>
        <translation>Atrasado por {time}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="126" />
        <source>{time} left</source>
        <translation>quedan {time}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="136" />
        <source>(no name given)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="143" />
        <source>Asked {when}</source>
        <translation>Pedido {when}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="149" />
        <source>Mark answered</source>
        <translation>Marcar respondido</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="150" />
        <source>Note: what was done</source>
        <translation>Nota: qué se hizo</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="151" />
        <source>Answered by</source>
        <translation>Respondido por</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="152" />
        <source>Save answer</source>
        <translation>Guardar respuesta</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="153" />
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="216" />
        <source>Waiting for an answer: {count}</source>
        <translation>Esperan respuesta: {count}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/followups_page.py" line="218" />
        <source>Nobody is waiting for an answer.</source>
        <translation>Nadie espera respuesta.</translation>
    </message>
</context>
<context>
    <name>ManagerArea</name>
    <message>
        <location filename="../kiosk/ui/manager/area.py" line="212" />
        <source>Error: {reason}</source>
        <translation>Error: {reason}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/area.py" line="216" />
        <source>Manager area</source>
        <translation>Área de gestión</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/area.py" line="217" />
        <source>Back to the kiosk</source>
        <translation>Volver al quiosco</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/area.py" line="219" />
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/area.py" line="220" />
        <source>Cards</source>
        <translation>Tarjetas</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/area.py" line="221" />
        <source>Follow-ups ({count})</source>
        <translation>Seguimientos ({count})</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/area.py" line="222" />
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/area.py" line="223" />
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/area.py" line="224" />
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="97" />
        <source>CSV files (*.csv)</source>
        <translation>Archivos CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="99" />
        <source>Saved to {path}. Cards: {count}</source>
        <translation>Guardado en {path}. Tarjetas: {count}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="103" />
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="105" />
        <source>Saved to {path}. Pages: {count}</source>
        <translation>Guardado en {path}. Páginas: {count}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="111" />
        <source>Sent to the printer. Pages: {count}</source>
        <translation>Enviado a la impresora. Páginas: {count}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="117" />
        <source>Working…</source>
        <translation>Trabajando…</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="120" />
        <source>the printer</source>
        <translation>la impresora</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="123" />
        <source>Error: could not write to {place} ({reason})</source>
        <translation>Error: no se pudo escribir en {place} ({reason})</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="146" />
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="149" />
        <source>CSV: one row per card, for a spreadsheet. PDF and print: one page per day with the counts, the chart, the comments and the open follow-ups.</source>
        <translation>CSV: una fila por tarjeta, para una hoja de cálculo. PDF e impresión: una página por día con los totales, el gráfico, los comentarios y los seguimientos pendientes.</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="153" />
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="154" />
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="155" />
        <source>Save CSV…</source>
        <translation>Guardar CSV…</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="156" />
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/reports_page.py" line="157" />
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="139" />
        <source>Saved.</source>
        <translation>Guardado.</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="139" />
        <source>Nothing changed.</source>
        <translation>No cambió nada.</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="145" />
        <source>The new PIN must be {low} to {high} digits.</source>
        <translation>El PIN nuevo debe tener entre {low} y {high} dígitos.</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="149" />
        <source>The two PINs are not the same.</source>
        <translation>Los dos PIN no coinciden.</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="151" />
        <source>The idle timeout must be a number of seconds from {low} to {high}.</source>
        <translation>El tiempo de inactividad debe ser un número de segundos entre {low} y {high}.</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="154" />
        <source>Keep contact details for {low} to {high} days.</source>
        <translation>Guarde los datos de contacto entre {low} y {high} días.</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="158" />
        <source>Choose a language.</source>
        <translation>Elija un idioma.</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="159" />
        <source>Error: {problem}</source>
        <translation>Error: {problem}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="162" />
        <source>Settings</source>
        <translation>Ajustes</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="163" />
        <source>New PIN</source>
        <translation>PIN nuevo</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="164" />
        <source>New PIN again</source>
        <translation>Repita el PIN nuevo</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="165" />
        <source>Leave empty to keep the PIN</source>
        <translation>Déjelo vacío para mantener el PIN</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="166" />
        <source>Back to welcome after (seconds)</source>
        <translation>Volver a la bienvenida tras (segundos)</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="168" />
        <source>Empty: IT's setting, {seconds}</source>
        <translation>Vacío: valor de TI, {seconds}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="172" />
        <source>Language the kiosk starts in</source>
        <translation>Idioma al iniciar el quiosco</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="173" />
        <source>Remove contact details after (days)</source>
        <translation>Borrar datos de contacto tras (días)</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="174" />
        <source>Save settings</source>
        <translation>Guardar ajustes</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/settings_page.py" line="175" />
        <source>Quit the kiosk app</source>
        <translation>Cerrar la aplicación del quiosco</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="101" />
        <source>cards {cards} · average {average} · happy {positive}</source>
        <translation>tarjetas {cards} · promedio {average} · contentos {positive}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="112" />
        <source>Today at a glance: {date}</source>
        <translation>Hoy de un vistazo: {date}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="113" />
        <source>cards today</source>
        <translation>tarjetas hoy</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="114" />
        <source>average, 1 to 5</source>
        <translation>promedio, de 1 a 5</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="115" />
        <source>happy</source>
        <translation>contentos</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="116" />
        <source>to call back</source>
        <translation>por llamar</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="117" />
        <source>Faces today</source>
        <translation>Caras de hoy</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="118" />
        <source>Last 30 days: cards and average</source>
        <translation>Últimos 30 días: tarjetas y promedio</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="120" />
        <source>This week: {line}</source>
        <translation>Esta semana: {line}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="123" />
        <source>30 days: {line}</source>
        <translation>30 días: {line}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="126" />
        <source>Went well</source>
        <translation>Salió bien</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="127" />
        <source>Could be better</source>
        <translation>Podría mejorar</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="128" />
        <source>Who came</source>
        <translation>Quién vino</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="129" />
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="143" />
        <source>Nothing yet</source>
        <translation>Nada todavía</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="152" />
        <source>{count} · {name}, average {average}</source>
        <translation>{count} · {name}, promedio {average}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/summary_page.py" line="159" />
        <source>Did not say</source>
        <translation>No lo dijo</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../kiosk/ui/manager/sync_page.py" line="48" />
        <source>Sync with the district</source>
        <translation>Sincronización con el distrito</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/sync_page.py" line="49" />
        <source>Waiting to send</source>
        <translation>Por enviar</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/sync_page.py" line="50" />
        <source>Last successful sync</source>
        <translation>Última sincronización correcta</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/sync_page.py" line="51" />
        <source>Last problem</source>
        <translation>Último problema</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/sync_page.py" line="52" />
        <source>Cards: {count}</source>
        <translation>Tarjetas: {count}</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/sync_page.py" line="54" />
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/sync_page.py" line="56" />
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/sync_page.py" line="60" />
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/sync_page.py" line="60" />
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../kiosk/ui/manager/sync_page.py" line="65" />
        <source>Sync is not set up on this kiosk: cards stay here until IT sets it up.</source>
        <translation>La sincronización no está configurada: las tarjetas se quedan aquí hasta que TI la configure.</translation>
    </message>
</context>
</TS>