<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
<context>
    <name>Attract</name>
    <message>
        <source>How was your visit today?</source>
        <translation>¿Cómo fue su visita hoy?</translation>
    </message>
    <message>
        <source>Touch the screen to tell us.</source>
        <translation>Toque la pantalla para contarnos.</translation>
    </message>
</context>
<context>
    <name>CardsModel</name>
    <message>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <source>Face</source>
        <translation>Carita</translation>
    </message>
    <message>
        <source>Visitor</source>
        <translation>Visitante</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Follow-up: answered</source>
        <translation>Seguimiento: respondido</translation>
    </message>
    <message>
        <source>Follow-up: waiting</source>
        <translation>Seguimiento: pendiente</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Respondido</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Pendiente</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <source>Error: the cards cannot be shown. {problem}</source>
        <translation>Error: no se pueden mostrar las opiniones. {problem}</translation>
    </message>
    <message>
        <source>Cards shown: {count}</source>
        <translation>Opiniones mostradas: {count}</translation>
    </message>
    <message>
        <source>No cards match these filters</source>
        <translation>Ninguna opinión coincide con estos filtros</translation>
    </message>
    <message>
        <source>Choose another face or visitor, or clear the filters to see every card.</source>
        <translation>Elija otra carita u otro visitante, o quite los filtros para ver todas las opiniones.</translation>
    </message>
    <message>
        <source>No cards on this day</source>
        <translation>No hay opiniones de este día</translation>
    </message>
    <message>
        <source>Cards appear here as visitors leave them. The arrows change the day.</source>
        <translation>Las opiniones aparecen aquí a medida que los visitantes las dejan. Las flechas cambian el día.</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Quitar los filtros</translation>
    </message>
    <message>
        <source>The day&apos;s cards</source>
        <translation>Opiniones del día</translation>
    </message>
    <message>
        <source>Has a comment</source>
        <translation>Con comentario</translation>
    </message>
    <message>
        <source>Wants follow-up</source>
        <translation>Pide seguimiento</translation>
    </message>
    <message>
        <source>All faces</source>
        <translation>Todas las caritas</translation>
    </message>
    <message>
        <source>Did not say</source>
        <translation>Sin indicar</translation>
    </message>
    <message>
        <source>All visitors</source>
        <translation>Todos los visitantes</translation>
    </message>
</context>
<context>
    <name>ChosenFace</name>
    <message>
        <source>Saved: {face}</source>
        <translation>Guardado: {face}</translation>
    </message>
    <message>
        <source>Your answer: {face}. Tap to change it.</source>
        <translation>Su respuesta: {face}. Toque para cambiarla.</translation>
    </message>
</context>
<context>
    <name>CommentScreen</name>
    <message>
        <source>{used} of {limit} characters</source>
        <translation>{used} de {limit} caracteres</translation>
    </message>
    <message>
        <source>Anything else you would like to tell us?</source>
        <translation>¿Algo más que quiera contarnos?</translation>
    </message>
    <message>
        <source>Please do not include private information about students.</source>
        <translation>Por favor, no incluya información privada de los estudiantes.</translation>
    </message>
    <message>
        <source>Type your comment here</source>
        <translation>Escriba su comentario aquí</translation>
    </message>
</context>
<context>
    <name>ConfigError</name>
    <message>
        <source>The kiosk cannot start: its settings file has a mistake.</source>
        <translation>El quiosco no puede iniciarse: su archivo de configuración tiene un error.</translation>
    </message>
    <message>
        <source>Please call IT. Once the file is corrected, start the kiosk again or restart the PC.</source>
        <translation>Llame al personal de informática (IT). Cuando se corrija el archivo, inicie el quiosco de nuevo o reinicie la computadora.</translation>
    </message>
    <message>
        <source>To close this screen, tap Close or press {shortcut}.</source>
        <translation>Para cerrar esta pantalla, toque Cerrar o presione {shortcut}.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Archivo</translation>
    </message>
    <message>
        <source>none (the built-in settings)</source>
        <translation>ninguno (la configuración predeterminada)</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>Opción</translation>
    </message>
    <message>
        <source>What is wrong</source>
        <translation>Qué está mal</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>DayPicker</name>
    <message>
        <source>Previous day</source>
        <translation>Día anterior</translation>
    </message>
    <message>
        <source>Next day</source>
        <translation>Día siguiente</translation>
    </message>
    <message>
        <source>Today, {date}</source>
        <translation>Hoy, {date}</translation>
    </message>
</context>
<context>
    <name>DetailsScreen</name>
    <message>
        <source>Tell us a little more</source>
        <translation>Cuéntenos un poco más</translation>
    </message>
    <message>
        <source>Choose any that fit. You can pick more than one.</source>
        <translation>Elija las que correspondan. Puede elegir más de una.</translation>
    </message>
    <message>
        <source>What went well?</source>
        <translation>¿Qué salió bien?</translation>
    </message>
    <message>
        <source>What could be better?</source>
        <translation>¿Qué podría mejorar?</translation>
    </message>
</context>
<context>
    <name>ExportSheet</name>
    <message>
        <source>Saving…</source>
        <translation>Guardando…</translation>
    </message>
    <message>
        <source>Ejecting… do not pull the USB stick out yet.</source>
        <translation>Expulsando… no retire la memoria USB todavía.</translation>
    </message>
    <message>
        <source>You can take out the USB stick “{name}” now.</source>
        <translation>Ya puede retirar la memoria USB «{name}».</translation>
    </message>
    <message>
        <source>This computer cannot eject the stick from here. The file is written: wait until the stick&apos;s light stops blinking, then take it out.</source>
        <translation>Esta computadora no puede expulsar la memoria desde aquí. El archivo ya está guardado: espere a que la luz de la memoria deje de parpadear y luego retírela.</translation>
    </message>
    <message>
        <source>The USB stick “{name}” could not be ejected ({reason}). Close any file open on it and try again.</source>
        <translation>No se pudo expulsar la memoria USB «{name}» ({reason}). Cierre los archivos abiertos en ella e inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Save the PDF report</source>
        <translation>Guardar el informe en PDF</translation>
    </message>
    <message>
        <source>Save the cards as a CSV file</source>
        <translation>Guardar las opiniones en un archivo CSV</translation>
    </message>
    <message>
        <source>File name: {name}</source>
        <translation>Nombre del archivo: {name}</translation>
    </message>
    <message>
        <source>USB stick “{name}”</source>
        <translation>Memoria USB «{name}»</translation>
    </message>
    <message>
        <source>Documents folder on this computer</source>
        <translation>Carpeta Documentos de esta computadora</translation>
    </message>
    <message>
        <source>{size} free</source>
        <translation>{size} libres</translation>
    </message>
    <message>
        <source>No USB stick found. Plug one in and it appears here.</source>
        <translation>No se encontró ninguna memoria USB. Conecte una y aparecerá aquí.</translation>
    </message>
    <message>
        <source>Eject the USB stick safely</source>
        <translation>Expulsar la memoria USB con seguridad</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>Faces</name>
    <message>
        <source>Very bad</source>
        <translation>Muy mal</translation>
    </message>
    <message>
        <source>Bad</source>
        <translation>Mal</translation>
    </message>
    <message>
        <source>Okay</source>
        <translation>Regular</translation>
    </message>
    <message>
        <source>Good</source>
        <translation>Bien</translation>
    </message>
    <message>
        <source>Excellent</source>
        <translation>Excelente</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <source>Yes {yes} · Partly {partly} · Not yet {not_yet}</source>
        <translation>Sí {yes} · En parte {partly} · Todavía no {not_yet}</translation>
    </message>
</context>
<context>
    <name>FollowUpItem</name>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} h {minutes} min</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} min</translation>
    </message>
    <message>
        <source>Error: write who answered.</source>
        <translation>Error: escriba quién respondió.</translation>
    </message>
    <message>
        <source>Overdue by {time}</source>
        <translation>Con {time} de retraso</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>Quedan {time}</translation>
    </message>
    <message>
        <source>(no name given)</source>
        <translation>(sin nombre)</translation>
    </message>
    <message>
        <source>(dial {number})</source>
        <translation>(marque {number})</translation>
    </message>
    <message>
        <source>Prefers {language}</source>
        <translation>Prefiere {language}</translation>
    </message>
    <message>
        <source>Asked {when}</source>
        <translation>Solicitado el {when}</translation>
    </message>
    <message>
        <source>{face} ({rating} of 5)</source>
        <translation>{face} ({rating} de 5)</translation>
    </message>
    <message>
        <source>Went well: {chips}</source>
        <translation>Lo que salió bien: {chips}</translation>
    </message>
    <message>
        <source>Could be better: {chips}</source>
        <translation>Lo que podría mejorar: {chips}</translation>
    </message>
    <message>
        <source>Answered by {who} on {when}, {took} after the request</source>
        <translation>Respondido por {who} el {when}, {took} después de la solicitud</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Nota: {note}</translation>
    </message>
    <message>
        <source>Mark answered</source>
        <translation>Marcar como respondido</translation>
    </message>
    <message>
        <source>Note: what was done</source>
        <translation>Nota: qué se hizo</translation>
    </message>
    <message>
        <source>Answered by</source>
        <translation>Respondido por</translation>
    </message>
    <message>
        <source>Save answer</source>
        <translation>Guardar respuesta</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>FollowUpsPage</name>
    <message>
        <source>Waiting for an answer: {count}</source>
        <translation>Pendientes de respuesta: {count}</translation>
    </message>
    <message>
        <source>Nobody is waiting for an answer.</source>
        <translation>No hay seguimientos pendientes.</translation>
    </message>
    <message>
        <source>Answered recently</source>
        <translation>Respondidos recientemente</translation>
    </message>
</context>
<context>
    <name>FollowupScreen</name>
    <message>
        <source>Please enter your name.</source>
        <translation>Por favor, escriba su nombre.</translation>
    </message>
    <message>
        <source>Please enter a phone number or an email address.</source>
        <translation>Por favor, escriba un teléfono o un correo electrónico.</translation>
    </message>
    <message>
        <source>That phone number does not look right.</source>
        <translation>Ese número de teléfono no parece correcto.</translation>
    </message>
    <message>
        <source>That email address does not look right.</source>
        <translation>Ese correo electrónico no parece correcto.</translation>
    </message>
    <message>
        <source>Please tick the box so we may contact you.</source>
        <translation>Por favor, marque la casilla para que podamos comunicarnos con usted.</translation>
    </message>
    <message>
        <source>Would you like someone to contact you?</source>
        <translation>¿Quiere que alguien se comunique con usted?</translation>
    </message>
    <message>
        <source>Leave this empty if you do not need an answer.</source>
        <translation>Deje esto en blanco si no necesita respuesta.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Correo electrónico</translation>
    </message>
    <message>
        <source>I agree that school staff may contact me about this visit.</source>
        <translation>Acepto que el personal de la escuela se comunique conmigo.</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Enviar</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminar</translation>
    </message>
</context>
<context>
    <name>IdleWarning</name>
    <message>
        <source>Starting over in 1 second</source>
        <translation>Volvemos al inicio en 1 segundo</translation>
    </message>
    <message>
        <source>Starting over in {n} seconds</source>
        <translation>Volvemos al inicio en {n} segundos</translation>
    </message>
    <message>
        <source>Still there?</source>
        <translation>¿Sigue ahí?</translation>
    </message>
    <message>
        <source>Your answers so far are kept. Tap anywhere to go on with your visit.</source>
        <translation>Sus respuestas se guardan. Toque la pantalla para continuar con su visita.</translation>
    </message>
    <message>
        <source>I am still here</source>
        <translation>Sigo aquí</translation>
    </message>
</context>
<context>
    <name>KioskWindow</name>
    <message>
        <source>Answers cannot be saved right now. Please tell the front desk.</source>
        <translation>En este momento no se pueden guardar las respuestas. Por favor, avise en la recepción.</translation>
    </message>
    <message>
        <source>Visitors cannot give feedback until the kiosk is started again.</source>
        <translation>Los visitantes no podrán dar su opinión hasta que el quiosco se vuelva a iniciar.</translation>
    </message>
    <message>
        <source>Visits not saved yet: {count}. They are kept safely on this computer and go into the card database at the next start.</source>
        <translation>Visitas aún sin guardar: {count}. Se conservan con seguridad en esta computadora y pasan a la base de opiniones en el próximo inicio.</translation>
    </message>
    <message>
        <source>Visits not saved yet: {count}. Nothing can be written on this computer, so they are lost if the kiosk closes now. Free some disk space first.</source>
        <translation>Visitas aún sin guardar: {count}. No se puede escribir nada en esta computadora, así que se perderán si el quiosco se cierra ahora. Libere primero espacio en el disco.</translation>
    </message>
    <message>
        <source>Close the kiosk?</source>
        <translation>¿Cerrar el quiosco?</translation>
    </message>
    <message>
        <source>Keep the kiosk open</source>
        <translation>Dejar el quiosco abierto</translation>
    </message>
    <message>
        <source>Close the kiosk</source>
        <translation>Cerrar el quiosco</translation>
    </message>
</context>
<context>
    <name>ManagerArea</name>
    <message>
        <source>Error: the answer was not saved. {problem}</source>
        <translation>Error: no se guardó la respuesta. {problem}</translation>
    </message>
    <message>
        <source>Error: old contact details could not be removed. {problem}</source>
        <translation>Error: no se pudieron borrar los datos de contacto antiguos. {problem}</translation>
    </message>
    <message>
        <source>Error: {reason}</source>
        <translation>Error: {reason}</translation>
    </message>
    <message>
        <source>Manager area</source>
        <translation>Área de administración</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>Versión {version}</translation>
    </message>
    <message>
        <source>Back to the kiosk</source>
        <translation>Volver al quiosco</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <source>Cards</source>
        <translation>Opiniones</translation>
    </message>
    <message>
        <source>Follow-ups ({count})</source>
        <translation>Seguimientos ({count})</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sincronización</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
</context>
<context>
    <name>OnScreenKeyboard</name>
    <message>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Nueva línea</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Mayúsculas</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Espacio</translation>
    </message>
    <message>
        <source>Numbers and symbols</source>
        <translation>Números y símbolos</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>Letras</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ocultar</translation>
    </message>
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>Wrong PIN. 1 try left, then the keypad locks for a minute.</source>
        <translation>PIN incorrecto. Le queda 1 intento; después, el teclado se bloqueará por un minuto.</translation>
    </message>
    <message>
        <source>Wrong PIN. {n} tries left.</source>
        <translation>PIN incorrecto. Le quedan {n} intentos.</translation>
    </message>
    <message>
        <source>You can enter the PIN again.</source>
        <translation>Ya puede volver a escribir el PIN.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The keypad is locked. Try again in 1 second.</source>
        <translation>Demasiados PIN incorrectos. El teclado está bloqueado. Vuelva a intentarlo en 1 segundo.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. The keypad is locked. Try again in {n} seconds.</source>
        <translation>Demasiados PIN incorrectos. El teclado está bloqueado. Vuelva a intentarlo en {n} segundos.</translation>
    </message>
    <message>
        <source>Staff only: enter the PIN</source>
        <translation>Solo para el personal: escriba el PIN</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Borrar</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Aceptar</translation>
    </message>
    <message>
        <source>Back to visitors</source>
        <translation>Volver a la pantalla de inicio</translation>
    </message>
</context>
<context>
    <name>PrintSheet</name>
    <message>
        <source>Print the report</source>
        <translation>Imprimir el informe</translation>
    </message>
    <message>
        <source>No printer is set up on this computer. Ask IT to add one, or save the PDF report on a USB stick and print it elsewhere.</source>
        <translation>No hay ninguna impresora instalada en esta computadora. Pida a informática que instale una, o guarde el informe en PDF en una memoria USB e imprímalo en otro lugar.</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copias</translation>
    </message>
    <message>
        <source>One copy fewer</source>
        <translation>Una copia menos</translation>
    </message>
    <message>
        <source>One copy more</source>
        <translation>Una copia más</translation>
    </message>
    <message>
        <source>Preview: the first pages</source>
        <translation>Vista previa: las primeras páginas</translation>
    </message>
    <message>
        <source>Preparing the preview…</source>
        <translation>Preparando la vista previa…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>{first} to {last}</source>
        <translation>del {first} al {last}</translation>
    </message>
    <message>
        <source>Visitor feedback: {period}</source>
        <translation>Opiniones de los visitantes: {period}</translation>
    </message>
    <message>
        <source>Made {date} at {time}</source>
        <translation>Generado el {date} a las {time}</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Página {page} de {pages}</translation>
    </message>
    <message>
        <source>against the day before</source>
        <translation>respecto al día anterior</translation>
    </message>
    <message>
        <source>against the {days} days before</source>
        <translation>respecto a los {days} días anteriores</translation>
    </message>
    <message>
        <source>cards</source>
        <translation>opiniones</translation>
    </message>
    <message>
        <source>average face, 1 to 5</source>
        <translation>carita promedio, de 1 a 5</translation>
    </message>
    <message>
        <source>happy (Good or Excellent)</source>
        <translation>satisfechos (Bien o Excelente)</translation>
    </message>
    <message>
        <source>{change} points</source>
        <translation>{change} puntos</translation>
    </message>
    <message>
        <source>{change} point</source>
        <translation>{change} punto</translation>
    </message>
    <message>
        <source>resolved on the first visit</source>
        <translation>resueltos en la primera visita</translation>
    </message>
    <message>
        <source>of {count} who answered</source>
        <translation>de {count} que han respondido</translation>
    </message>
    <message>
        <source>Previous period: {cards} cards, average {average}, {happy} happy</source>
        <translation>Período anterior: {cards} opiniones, promedio {average}, {happy} satisfechos</translation>
    </message>
    <message>
        <source>No cards in the previous period to compare with.</source>
        <translation>No hay opiniones del período anterior para comparar.</translation>
    </message>
    <message>
        <source>Faces</source>
        <translation>Caritas</translation>
    </message>
    <message>
        <source>What went well</source>
        <translation>Lo que salió bien</translation>
    </message>
    <message>
        <source>What could be better</source>
        <translation>Lo que podría mejorar</translation>
    </message>
    <message>
        <source>Cards and average face per day</source>
        <translation>Opiniones y carita promedio por día</translation>
    </message>
    <message>
        <source>Bars: cards a day (scale on the right). Line: the day&apos;s average face, 1 to 5 (scale on the left).</source>
        <translation>Barras: opiniones por día (escala a la derecha). Línea: carita promedio del día, de 1 a 5 (escala a la izquierda).</translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation>Seguimientos</translation>
    </message>
    <message>
        <source>Asked for: {count}</source>
        <translation>Solicitados: {count}</translation>
    </message>
    <message>
        <source>Answered: {count}</source>
        <translation>Respondidos: {count}</translation>
    </message>
    <message>
        <source>Still open: {count}</source>
        <translation>Pendientes: {count}</translation>
    </message>
    <message>
        <source>Median time to answer: {time}</source>
        <translation>Tiempo medio de respuesta (mediana): {time}</translation>
    </message>
    <message>
        <source>Resolved on the first visit</source>
        <translation>Resueltos en la primera visita</translation>
    </message>
    <message>
        <source>{share} said yes, of {answered} who answered</source>
        <translation>{share} dijo que sí, de {answered} que han respondido</translation>
    </message>
    <message>
        <source>No visitor has answered “Did you get what you came for today?” yet.</source>
        <translation>Ningún visitante ha respondido todavía «¿Obtuvo hoy lo que vino a buscar?».</translation>
    </message>
    <message>
        <source>Visitor feedback</source>
        <translation>Opiniones de los visitantes</translation>
    </message>
    <message>
        <source>nothing to compare with</source>
        <translation>sin datos para comparar</translation>
    </message>
    <message>
        <source>Day by day</source>
        <translation>Día por día</translation>
    </message>
    <message>
        <source>Every day&apos;s faces on one scale: a full bar is {count} cards.</source>
        <translation>Las caritas de todos los días en la misma escala: una barra completa son {count} opiniones.</translation>
    </message>
    <message>
        <source>No cards.</source>
        <translation>Sin opiniones.</translation>
    </message>
    <message>
        <source>{cards} cards · average {average} · {happy} happy · resolved on the first visit: {resolved}</source>
        <translation>{cards} opiniones · promedio {average} · {happy} satisfechos · resueltos en la primera visita: {resolved}</translation>
    </message>
    <message>
        <source>Went well</source>
        <translation>Lo que salió bien</translation>
    </message>
    <message>
        <source>Could be better</source>
        <translation>Lo que podría mejorar</translation>
    </message>
    <message>
        <source>Comments ({count})</source>
        <translation>Comentarios ({count})</translation>
    </message>
    <message>
        <source>No comments in this period.</source>
        <translation>No hay comentarios en este período.</translation>
    </message>
    <message>
        <source>{day} (continued)</source>
        <translation>{day} (continuación)</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>Saved to {path}. Cards: {count}</source>
        <translation>Guardado en {path}. Opiniones: {count}</translation>
    </message>
    <message>
        <source>Saved to {path}. Pages: {count}</source>
        <translation>Guardado en {path}. Páginas: {count}</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Preparando…</translation>
    </message>
    <message>
        <source>Saved to the USB stick “{name}” as {file}. Cards: {count}</source>
        <translation>Guardado en la memoria USB «{name}» como {file}. Opiniones: {count}</translation>
    </message>
    <message>
        <source>Saved to the USB stick “{name}” as {file}. Pages: {count}</source>
        <translation>Guardado en la memoria USB «{name}» como {file}. Páginas: {count}</translation>
    </message>
    <message>
        <source>Sent to the printer “{printer}”. Pages: {count}, copies: {copies}</source>
        <translation>Enviado a la impresora «{printer}». Páginas: {count}, copias: {copies}</translation>
    </message>
    <message>
        <source>Error: could not write to {place} ({reason})</source>
        <translation>Error: no se pudo escribir en {place} ({reason})</translation>
    </message>
    <message>
        <source>Error: the report could not be made. {problem}</source>
        <translation>Error: no se pudo crear el informe. {problem}</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Informes</translation>
    </message>
    <message>
        <source>CSV: one row per card, for a spreadsheet. PDF and print: a summary of the period, then every day on one scale, then the comments.</source>
        <translation>CSV: una fila por opinión, para una hoja de cálculo. PDF e impresión: un resumen del período, luego cada día en la misma escala y, al final, los comentarios.</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Desde</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Hasta</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>Guardar CSV…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
</context>
<context>
    <name>ResolutionScreen</name>
    <message>
        <source>Did you get what you came for today?</source>
        <translation>¿Consiguió hoy lo que vino a buscar?</translation>
    </message>
    <message>
        <source>Choose one. It is optional.</source>
        <translation>Elija una respuesta. Es opcional.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>Partly</source>
        <translation>En parte</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>Todavía no</translation>
    </message>
</context>
<context>
    <name>RoleScreen</name>
    <message>
        <source>Who are you?</source>
        <translation>¿Quién es usted?</translation>
    </message>
    <message>
        <source>This helps us understand who we serve. It is optional.</source>
        <translation>Esto nos ayuda a conocer a las personas que atendemos. Es opcional.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Error: the settings cannot be read. {problem}</source>
        <translation>Error: no se puede leer la configuración. {problem}</translation>
    </message>
    <message>
        <source>Error: the settings were not saved. {problem}</source>
        <translation>Error: no se guardó la configuración. {problem}</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Se guardaron los cambios.</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>No hay cambios.</translation>
    </message>
    <message>
        <source>The new PIN must be {low} to {high} digits.</source>
        <translation>El PIN nuevo debe tener entre {low} y {high} dígitos.</translation>
    </message>
    <message>
        <source>The two PINs are not the same.</source>
        <translation>Los dos PIN no coinciden.</translation>
    </message>
    <message>
        <source>The idle timeout must be a number of seconds from {low} to {high}.</source>
        <translation>El tiempo de inactividad debe ser un número de segundos entre {low} y {high}.</translation>
    </message>
    <message>
        <source>Keep contact details for {low} to {high} days.</source>
        <translation>Los datos de contacto se pueden guardar de {low} a {high} días.</translation>
    </message>
    <message>
        <source>Choose a language.</source>
        <translation>Elija un idioma.</translation>
    </message>
    <message>
        <source>Error: {problem}</source>
        <translation>Error: {problem}</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>PIN nuevo</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>Repita el PIN nuevo</translation>
    </message>
    <message>
        <source>Leave empty to keep the PIN</source>
        <translation>En blanco: no cambia</translation>
    </message>
    <message>
        <source>Back to welcome after (seconds)</source>
        <translation>Volver a la pantalla de inicio después de (segundos)</translation>
    </message>
    <message>
        <source>Empty: IT&apos;s setting, {seconds}</source>
        <translation>En blanco: {seconds} (de TI)</translation>
    </message>
    <message>
        <source>Language the kiosk starts in</source>
        <translation>Idioma con el que inicia el quiosco</translation>
    </message>
    <message>
        <source>Remove contact details after (days)</source>
        <translation>Borrar los datos de contacto después de (días)</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Guardar la configuración</translation>
    </message>
    <message>
        <source>Quit the kiosk app</source>
        <translation>Cerrar la aplicación del quiosco</translation>
    </message>
</context>
<context>
    <name>SpeechReader</name>
    <message>
        <source>Reading aloud is on. Touch a button once to hear it, and again to choose it.</source>
        <translation>La lectura en voz alta está activada. Toque un botón una vez para escucharlo y otra vez para elegirlo.</translation>
    </message>
    <message>
        <source>Reading aloud is off.</source>
        <translation>La lectura en voz alta está desactivada.</translation>
    </message>
    <message>
        <source>Reading aloud is on.</source>
        <translation>La lectura en voz alta está activada.</translation>
    </message>
    <message>
        <source>Listen</source>
        <translation>Escuchar</translation>
    </message>
    <message>
        <source>ticked</source>
        <translation>casilla marcada</translation>
    </message>
    <message>
        <source>not ticked</source>
        <translation>casilla sin marcar</translation>
    </message>
    <message>
        <source>selected</source>
        <translation>seleccionado</translation>
    </message>
    <message>
        <source>not selected</source>
        <translation>sin seleccionar</translation>
    </message>
    <message>
        <source>text field</source>
        <translation>campo de texto</translation>
    </message>
</context>
<context>
    <name>StaffMenu</name>
    <message>
        <source>Staff menu</source>
        <translation>Menú del personal</translation>
    </message>
    <message>
        <source>Open the manager area</source>
        <translation>Abrir el área de administración</translation>
    </message>
    <message>
        <source>Close the kiosk</source>
        <translation>Cerrar el quiosco</translation>
    </message>
    <message>
        <source>Back to visitors</source>
        <translation>Volver a la pantalla de inicio</translation>
    </message>
</context>
<context>
    <name>StaffWiring</name>
    <message>
        <source>The card database cannot be opened; see the log file.</source>
        <translation>No se puede abrir la base de datos de opiniones; consulte el archivo de registro.</translation>
    </message>
</context>
<context>
    <name>StartingScreen</name>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>The faces appear in a moment.</source>
        <translation>Las caritas aparecen en un momento.</translation>
    </message>
</context>
<context>
    <name>StepScreen</name>
    <message>
        <source>Next</source>
        <translation>Siguiente</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Omitir</translation>
    </message>
    <message>
        <source>Step {step} of {steps}</source>
        <translation>Paso {step} de {steps}</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Atrás</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminar</translation>
    </message>
</context>
<context>
    <name>StoreProblem</name>
    <message>
        <source>The disk is full. Ask IT to free space.</source>
        <translation>El disco está lleno. Pida a TI que libere espacio.</translation>
    </message>
    <message>
        <source>The card database is read-only: nothing can be saved. Ask IT.</source>
        <translation>La base de datos de opiniones es de solo lectura: no se puede guardar nada. Avise a TI.</translation>
    </message>
    <message>
        <source>Another program is using the card database. Try again in a minute.</source>
        <translation>Otro programa está usando la base de datos de opiniones. Inténtelo de nuevo en un minuto.</translation>
    </message>
    <message>
        <source>The card database is damaged. Ask IT to check it.</source>
        <translation>La base de datos de opiniones está dañada. Pida a TI que la revise.</translation>
    </message>
    <message>
        <source>The disk could not be read or written. Ask IT.</source>
        <translation>No se pudo leer ni escribir en el disco. Avise a TI.</translation>
    </message>
    <message>
        <source>The card database cannot be opened. Ask IT.</source>
        <translation>No se puede abrir la base de datos de opiniones. Avise a TI.</translation>
    </message>
    <message>
        <source>The card database is from a newer version of the kiosk. Ask IT.</source>
        <translation>La base de datos de opiniones es de una versión más reciente del quiosco. Avise a TI.</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>cards {cards} · average {average} · happy {positive} · resolved {resolved}</source>
        <translation>opiniones {cards} · promedio {average} · satisfechos {positive} · resueltos {resolved}</translation>
    </message>
    <message>
        <source>Today at a glance: {date}</source>
        <translation>Resumen de hoy: {date}</translation>
    </message>
    <message>
        <source>cards today</source>
        <translation>opiniones hoy</translation>
    </message>
    <message>
        <source>average, 1 to 5</source>
        <translation>promedio, de 1 a 5</translation>
    </message>
    <message>
        <source>happy</source>
        <translation>satisfechos</translation>
    </message>
    <message>
        <source>resolved on the first visit</source>
        <translation>resueltos en la primera visita</translation>
    </message>
    <message>
        <source>to call back</source>
        <translation>seguimientos pendientes</translation>
    </message>
    <message>
        <source>Faces today</source>
        <translation>Caritas de hoy</translation>
    </message>
    <message>
        <source>Last 30 days: cards and average</source>
        <translation>Últimos 30 días: opiniones y promedio</translation>
    </message>
    <message>
        <source>This week: {line}</source>
        <translation>Esta semana: {line}</translation>
    </message>
    <message>
        <source>30 days: {line}</source>
        <translation>Últimos 30 días: {line}</translation>
    </message>
    <message>
        <source>Went well</source>
        <translation>Lo que salió bien</translation>
    </message>
    <message>
        <source>Could be better</source>
        <translation>Lo que podría mejorar</translation>
    </message>
    <message>
        <source>Who came</source>
        <translation>Quiénes vinieron</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Resolved on the first visit</source>
        <translation>Resueltos en la primera visita</translation>
    </message>
    <message>
        <source>Nothing yet</source>
        <translation>Todavía no hay datos</translation>
    </message>
    <message>
        <source>{answered} of {cards} visitors answered</source>
        <translation>Han respondido {answered} de {cards} visitantes</translation>
    </message>
    <message>
        <source>{count} · {name}, average {average}</source>
        <translation>{count} · {name}, promedio {average}</translation>
    </message>
    <message>
        <source>Did not say</source>
        <translation>Sin indicar</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync with the district</source>
        <translation>Sincronización con el distrito</translation>
    </message>
    <message>
        <source>Waiting to send</source>
        <translation>Pendientes de envío</translation>
    </message>
    <message>
        <source>Refused by the district</source>
        <translation>Rechazadas por el distrito</translation>
    </message>
    <message>
        <source>Last successful sync</source>
        <translation>Última sincronización exitosa</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Último problema</translation>
    </message>
    <message>
        <source>Not saved yet</source>
        <translation>Aún sin guardar</translation>
    </message>
    <message>
        <source>Visits: {count}, kept aside until the card database takes them</source>
        <translation>Visitas: {count}, guardadas aparte hasta que la base de datos de opiniones las acepte</translation>
    </message>
    <message>
        <source>Made under an earlier kiosk id</source>
        <translation>Hechas con un identificador de quiosco anterior</translation>
    </message>
    <message>
        <source>Cards: {count} ({ids}). The district takes them only from that kiosk id: ask IT to send them with its token.</source>
        <translation>Opiniones: {count} ({ids}). El distrito solo las acepta de ese identificador de quiosco: pida a TI que las envíe con su token.</translation>
    </message>
    <message>
        <source>Cards: {count}, {held} of them too large for the district</source>
        <translation>Opiniones: {count}, {held} de ellas demasiado grandes para el distrito</translation>
    </message>
    <message>
        <source>Cards: {count}</source>
        <translation>Opiniones: {count}</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nunca</translation>
    </message>
    <message>
        <source>The network answered with a web page instead of the district server. Is this Wi-Fi asking for a sign-in?</source>
        <translation>La red respondió con una página web en lugar del servidor del distrito. ¿Esta red Wi-Fi pide iniciar sesión?</translation>
    </message>
    <message>
        <source>Some cards were made under an earlier kiosk id and wait on this kiosk until IT sends them as that kiosk.</source>
        <translation>Algunas opiniones se hicieron con un identificador de quiosco anterior y esperan en este quiosco hasta que TI las envíe como ese quiosco.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Sync is not set up on this kiosk: cards stay here until IT sets it up.</source>
        <translation>La sincronización no está configurada en este quiosco: las opiniones se quedan aquí hasta que TI la configure.</translation>
    </message>
</context>
<context>
    <name>ThanksScreen</name>
    <message>
        <source>Starting over once the reading ends</source>
        <translation>Volvemos al inicio cuando termine la lectura</translation>
    </message>
    <message>
        <source>Starting over in 1 second</source>
        <translation>Volvemos al inicio en 1 segundo</translation>
    </message>
    <message>
        <source>Starting over in {n} seconds</source>
        <translation>Volvemos al inicio en {n} segundos</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>¡Gracias!</translation>
    </message>
    <message>
        <source>Sorry, your answer could not be saved. Please tell the front desk.</source>
        <translation>Lo sentimos, su respuesta no se pudo guardar. Por favor, avise en la recepción.</translation>
    </message>
    <message>
        <source>Your answer was saved. Someone will contact you soon.</source>
        <translation>Su respuesta se guardó. Pronto alguien de la escuela se comunicará con usted.</translation>
    </message>
    <message>
        <source>Your answer was saved. It helps our school get better.</source>
        <translation>Su respuesta se guardó. Nos ayuda a mejorar nuestra escuela.</translation>
    </message>
    <message>
        <source>Have more to say? Scan this code with your phone to take the full survey.</source>
        <translation>¿Quiere contarnos más? Escanee este código con su celular para responder la encuesta completa.</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>Volver al inicio</translation>
    </message>
</context>
<context>
    <name>WelcomeScreen</name>
    <message>
        <source>How was your visit today?</source>
        <translation>¿Cómo fue su visita hoy?</translation>
    </message>
    <message>
        <source>Tap a face. That&apos;s all it takes.</source>
        <translation>Toque una carita. Es todo lo que necesita.</translation>
    </message>
</context>
</TS>
