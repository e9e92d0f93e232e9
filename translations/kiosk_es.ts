<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es_ES" sourcelanguage="en_US">
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
        <translation>Por favor, no incluya información privada sobre estudiantes.</translation>
    </message>
    <message>
        <source>Type your comment here</source>
        <translation>Escriba su comentario aquí</translation>
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
        <translation>Por favor, marque la casilla para que podamos contactarle.</translation>
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
        <translation>Correo</translation>
    </message>
    <message>
        <source>I agree that school staff may contact me about this visit.</source>
        <translation>Acepto que el personal de la escuela me contacte sobre esta visita.</translation>
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
    <name>KioskWindow</name>
    <message>
        <source>Answers cannot be saved right now. Please tell the front desk.</source>
        <translation>Ahora no se pueden guardar respuestas. Por favor, avise en la recepción.</translation>
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
        <translation>Intro</translation>
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
</context>
<context>
    <name>PinScreen</name>
    <message>
        <source>Wrong PIN. Please try again.</source>
        <translation>PIN incorrecto. Inténtelo de nuevo.</translation>
    </message>
    <message>
        <source>Too many wrong PINs. Try again in {n} seconds.</source>
        <translation>Demasiados PIN incorrectos. Inténtelo de nuevo en {n} segundos.</translation>
    </message>
    <message>
        <source>Staff only: enter the PIN</source>
        <translation>Solo personal: escriba el PIN</translation>
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
        <translation>Volver a visitantes</translation>
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
        <translation>Nos ayuda a saber a quién servimos. Es opcional.</translation>
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
        <translation>Volver a visitantes</translation>
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
    <name>ThanksScreen</name>
    <message>
        <source>Starting over in {n} seconds</source>
        <translation>Volvemos al inicio en {n} segundos</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>¡Gracias!</translation>
    </message>
    <message>
        <source>Your answer was saved. Someone will contact you soon.</source>
        <translation>Su respuesta se guardó. Alguien se comunicará con usted pronto.</translation>
    </message>
    <message>
        <source>Your answer was saved. It helps our school get better.</source>
        <translation>Su respuesta se guardó. Nos ayuda a mejorar nuestra escuela.</translation>
    </message>
    <message>
        <source>Have more to say? Scan this code with your phone to take the full survey.</source>
        <translation>¿Quiere decir más? Escanee este código con su teléfono para llenar la encuesta completa.</translation>
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
        <translation>Toque una cara. Eso es todo.</translation>
    </message>
</context>
</TS>
